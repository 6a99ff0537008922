package io.hearth.api.mqtt;

import io.hearth.api.ApiModule;
import io.hearth.api.ApiTestHubs;
import io.hearth.runtime.Hub;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.store.Sql;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real hub in this JVM whose api module also runs the MQTT broker, wired the way the lead wires
 * {@link MqttApi} into ApiModule; free loopback ports, data in a temporary directory.
 */
final class BrokerHub implements AutoCloseable {
  final Path data;
  final Hub hub;
  final String ownerToken;
  final ApiModule module;

  private BrokerHub(Path data, Hub hub, ApiModule module) throws Exception {
    this.data = data;
    this.hub = hub;
    this.module = module;
    this.ownerToken = ApiTestHubs.ownerToken(data);
  }

  static BrokerHub start(Path data, String... sets) throws Exception {
    return start(data, false, sets);
  }

  /** A hub whose MQTT adapter also runs, adapting devices that publish to the hub's broker. */
  static BrokerHub startWithAdapter(Path data, String... sets) throws Exception {
    return start(data, true, sets);
  }

  /** A hub whose api module runs the broker, with more modules (test cameras, say). */
  static BrokerHub startWith(Path data, List<io.hearth.runtime.spi.HubModule> more, String... sets)
      throws Exception {
    ApiModule module = new ApiModule();
    List<io.hearth.runtime.spi.HubModule> all = new ArrayList<>(List.of(module));
    all.addAll(more);
    return start(data, module, all, sets);
  }

  /** A hub running {@code hearth demo}'s simulated devices, as the demo creates them. */
  static BrokerHub startDemo(Path data, String... sets) throws Exception {
    ApiModule module = new ApiModule();
    List<String> all = new ArrayList<>(List.of("demo-sensors.enabled=true"));
    all.addAll(List.of(sets));
    return start(
        data,
        module,
        List.of(module, new io.hearth.runtime.demo.DemoSensors()),
        all.toArray(String[]::new));
  }

  private static BrokerHub start(Path data, boolean adapter, String... sets) throws Exception {
    ApiModule module = new ApiModule();
    return start(
        data,
        module,
        adapter ? List.of(module, new io.hearth.adapters.mqtt.MqttModule()) : List.of(module),
        sets);
  }

  private static BrokerHub start(
      Path data, ApiModule module, List<io.hearth.runtime.spi.HubModule> modules, String... sets)
      throws Exception {
    Hub hub =
        ApiTestHubs.builder(data)
            .modules(modules)
            .set("api.mqtt.host", "127.0.0.1")
            .overrides(sets)
            .start()
            .hub();
    return new BrokerHub(data, hub, module);
  }

  int port() {
    return hub.context().ports().get("api.mqtt.port");
  }

  int tlsPort() {
    return hub.context().ports().get("api.mqtt.tls-port");
  }

  String url() {
    return "tcp://127.0.0.1:" + port();
  }

  LocalBroker broker() {
    return module.broker();
  }

  /**
   * Adds a device row and returns its id. Kind 'camera' because GrantStore copies device.kind into
   * grant.target_kind, whose CHECK allows only 'camera' or 'device': a 'sensor' cannot be granted
   * yet (reported to the lead).
   */
  String device(String id) throws Exception {
    await(
        hub.context()
            .database()
            .write(
                c ->
                    Sql.update(
                        c,
                        "INSERT INTO device (id, kind, name, protocol, created_at)"
                            + " VALUES (?, 'camera', ?, 'mqtt', ?)",
                        id,
                        id,
                        System.currentTimeMillis())));
    return id;
  }

  /** An automation (device) token holding the given scopes on one device. */
  String tokenWith(String device, Scope... scopes) throws Exception {
    String secret = automationToken();
    Principal who = await(hub.context().tokens().authenticate(secret));
    grant(who.id(), device, scopes);
    return secret;
  }

  String automationToken() throws Exception {
    return await(
            hub.context()
                .tokens()
                .issue(
                    ownerPrincipal(),
                    PrincipalKind.AUTOMATION,
                    io.hearth.runtime.domain.Ids.newId("aut"),
                    "device",
                    null))
        .secret();
  }

  void grant(String automationId, String device, Scope... scopes) throws Exception {
    await(
        hub.context()
            .grants()
            .put(
                ownerPrincipal(),
                PrincipalKind.AUTOMATION,
                automationId,
                device,
                Set.of(scopes),
                false,
                null));
  }

  Principal ownerPrincipal() throws Exception {
    return await(hub.context().tokens().authenticate(ownerToken));
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    hub.stop();
  }
}
