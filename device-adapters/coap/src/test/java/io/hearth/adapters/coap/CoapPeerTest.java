package io.hearth.adapters.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Eventually;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Against libcoap's coap-server: generic resources, observe without polling, DTLS-PSK. */
class CoapPeerTest {
  private static final String KEY = "hearth-secret-key";
  @TempDir Path dir;
  private CoapServerPeer server;
  private TestHub hub;

  @BeforeEach
  void start() throws Exception {
    server = CoapServerPeer.start("-k", KEY, "-h", "hearth");
    // Polling set far beyond the test's length: any update seen must come from observe.
    hub = new TestHub(dir, "coap.poll-interval-ms=600000", "coap.request-timeout-ms=3000");
  }

  @AfterEach
  void stop() throws Exception {
    hub.close();
    server.close();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void theClockBecomesAnObservedTextValueWhoseValuesArriveAsEvents() throws Exception {
    CoapAddition added =
        Await.get(hub.devices().addDetailed("Clock", URI.create(server.url()), null));

    SensorDevice clock = byAddress(added, server.url() + "/time");
    assertEquals(Set.of(Capability.TEXT), clock.capabilities());
    assertEquals(
        Map.of("rt", "ticks", "if", "clock", "title", "Internal Clock"), clock.attributes());
    assertEquals("Clock Internal Clock", clock.name());
    byAddress(added, server.url() + "/");
    // Polling is off for the test's length: two distinct clock events can only come by observe.
    List<Object> values = textEvents(clock.id(), 2, 10_000);
    assertEquals(2, values.size(), "two clock values as events: " + values);
    assertTrue(
        values.get(0).toString().matches("[A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2}"),
        values.toString());
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void observedTimeUpdatesWithoutPolling() throws Exception {
    Await.get(hub.devices().add("Clock", URI.create(server.url()), null));

    List<String> seen = distinctValues(server.url(), 3, 8_000);

    assertEquals(3, seen.size(), "three distinct clock values through observe: " + seen);
    assertTrue(seen.get(0).matches("[A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2}"), seen.get(0));
    assertTrue(hub.devices().online(server.url(), "/time").orElseThrow());
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void dtlsWithTheRightKeyWorks() throws Exception {
    CoapAddition added =
        Await.get(
            hub.devices()
                .addDetailed("Secure clock", URI.create(server.secureUrl()), Psk.of("hub", KEY)));

    byAddress(added, server.secureUrl() + "/time");
    assertEquals(2, distinctValues(server.secureUrl(), 2, 6_000).size());
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void dtlsWithAWrongKeyIsRefusedWithAClearReason() {
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class,
            () ->
                Await.get(
                    hub.devices()
                        .add(
                            "Secure clock",
                            URI.create(server.secureUrl()),
                            Psk.of("hub", "wrong-key"))));

    HubException cause = (HubException) e.getCause();
    assertEquals(502, cause.status());
    assertEquals("DTLS handshake failed: check the PSK identity and key", cause.getMessage());
  }

  @Test
  @Timeout(value = 40, unit = TimeUnit.SECONDS)
  void devicesAddedBeforeARestartAreWatchedAgainWithTheirKeys() throws Exception {
    Await.get(hub.devices().add("Clock", URI.create(server.url()), null));
    Await.get(
        hub.devices().add("Secure clock", URI.create(server.secureUrl()), Psk.of("hub", KEY)));
    assertEquals(2, distinctValues(server.secureUrl(), 2, 6_000).size());

    hub.close();
    hub = new TestHub(dir, "coap.poll-interval-ms=600000", "coap.request-timeout-ms=3000");

    // Nobody adds them again: the hub reads its store, re-reads both devices and observes /time.
    assertEquals(
        2, distinctValues(server.url(), 2, 10_000).size(), "the plain device is watched again");
    assertEquals(
        2,
        distinctValues(server.secureUrl(), 2, 10_000).size(),
        "the DTLS device is watched again, with its stored key");
  }

  private static SensorDevice byAddress(CoapAddition added, String address) {
    return added.devices().stream()
        .filter(d -> d.address().equals(address))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no device " + address + " in " + added));
  }

  /**
   * The distinct text values stored for the device, once there are {@code wanted} (or time is up).
   */
  private List<Object> textEvents(String deviceId, int wanted, long withinMs) throws Exception {
    List<Object> values = new CopyOnWriteArrayList<>();
    Eventually.holdsWithin(
        Duration.ofMillis(withinMs),
        () -> {
          values.clear();
          values.addAll(storedTexts(deviceId));
          return values.size() >= wanted;
        });
    return List.copyOf(values);
  }

  private List<Object> storedTexts(String deviceId) throws Exception {
    Await.get(hub.hub.context().devices().events().flush());
    return Await.get(
            hub.hub
                .context()
                .devices()
                .events()
                .history(deviceId, Capability.TEXT, 0, Long.MAX_VALUE, 100))
        .stream()
        .map(DeviceEvent::value)
        .distinct()
        .toList();
  }

  private List<String> distinctValues(String device, int wanted, long withinMs)
      throws InterruptedException {
    List<String> seen = new CopyOnWriteArrayList<>();
    Eventually.holdsWithin(
        Duration.ofMillis(withinMs),
        () -> {
          hub.devices()
              .lastValue(device, "/time")
              .filter(v -> !seen.contains(v))
              .ifPresent(seen::add);
          return seen.size() >= wanted;
        });
    return seen;
  }
}
