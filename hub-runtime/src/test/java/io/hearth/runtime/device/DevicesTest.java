package io.hearth.runtime.device;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.Access;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.GrantStore;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class DevicesTest {
  static final Principal OWNER = new Principal(PrincipalKind.MEMBER, "mem_o", "O", Role.OWNER, "t");
  static final Principal ANA = new Principal(PrincipalKind.MEMBER, "mem_a", "A", Role.ADULT, "u");

  @TempDir Path dir;
  Vertx vertx;
  Database db;
  Devices devices;
  GrantStore grants;

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    db = Database.open(vertx, dir.resolve("hearth.db"));
    grants = new GrantStore(db);
    devices = new Devices(db, new EventStore(vertx, db, 30, 1_000_000), new Access(grants));
    get(devices.events().start());
    // Grants name principals that exist: the two members of these tests.
    TestDatabase.addMembers(db, OWNER, ANA);
  }

  @AfterEach
  void close() {
    db.close();
    vertx.close();
  }

  @Test
  void aDeviceIsRegisteredOnceAndItsCapabilitiesGrow() throws Exception {
    SensorDevice first =
        get(devices.ensure("mqtt", "z2m:kitchen", "Kitchen", Set.of(Capability.TEMPERATURE)));
    SensorDevice again =
        get(devices.ensure("mqtt", "z2m:kitchen", "Kitchen", Set.of(Capability.HUMIDITY)));
    assertEquals(first.id(), again.id());
    assertEquals(Set.of(Capability.TEMPERATURE, Capability.HUMIDITY), again.capabilities());
    assertEquals(1, get(devices.list()).size());
  }

  @Test
  void reportsLandInHistoryAndStateInOrderAndOnTheEventBus() throws Exception {
    SensorDevice device =
        get(devices.ensure("mqtt", "z2m:hall", "Hall", Set.of(Capability.TEMPERATURE)));
    List<JsonObject> published = new CopyOnWriteArrayList<>();
    vertx
        .eventBus()
        .<DeviceEvent>consumer(EventStore.ADDRESS, m -> published.add(m.body().toJson()));
    for (int i = 0; i < 1200; i++) {
      assertTrue(devices.report(device.id(), Capability.TEMPERATURE, 20.0 + i / 100.0, 1000 + i));
    }
    get(devices.events().flush());
    Eventually.within(
        Duration.ofSeconds(5), "1200 events published", () -> published.size() >= 1200);
    assertEquals(1200, published.size());
    for (int i = 1; i < published.size(); i++) {
      assertTrue(published.get(i).getLong("id") > published.get(i - 1).getLong("id"));
    }
    List<DeviceEvent> history =
        get(devices.events().history(device.id(), Capability.TEMPERATURE, 1100, 1199, 1000));
    assertEquals(100, history.size());
    DeviceEvent state = get(devices.events().state(device.id())).get(0);
    assertEquals(31.99, (Double) state.value(), 1e-9);
    assertEquals("°C", state.unit());
    assertEquals(10, get(devices.events().after(published.get(1189).getLong("id"), 100)).size());
  }

  @Test
  void commandsNeedAControlGrantAndARunningAdapter() throws Exception {
    SensorDevice plug =
        get(devices.ensure("mqtt", "tasmota:plug", "Plug", Set.of(Capability.SWITCH)));
    ExecutionException noAdapter =
        assertThrows(
            ExecutionException.class,
            () -> get(devices.command(OWNER, plug.id(), Capability.SWITCH, true)));
    assertEquals(503, assertInstanceOf(HubException.class, noAdapter.getCause()).status());
    List<Object> sent = new CopyOnWriteArrayList<>();
    devices.registerCommands(
        "mqtt",
        (d, c, v) -> {
          sent.add(v);
          return Future.succeededFuture();
        });
    ExecutionException denied =
        assertThrows(
            ExecutionException.class,
            () -> get(devices.command(ANA, plug.id(), Capability.SWITCH, true)));
    assertEquals(403, ((HubException) denied.getCause()).status());
    get(
        grants.put(
            OWNER, PrincipalKind.MEMBER, ANA.id(), plug.id(), Set.of(Scope.CONTROL), false, null));
    get(devices.command(ANA, plug.id(), Capability.SWITCH, false));
    assertEquals(List.of(false), sent);
  }
}
