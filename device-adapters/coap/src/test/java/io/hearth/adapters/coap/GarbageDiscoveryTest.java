package io.hearth.adapters.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Eventually;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A device whose {@code /.well-known/core} is garbage of every kind is refused with 502 or 422 and
 * a message naming the device, what was wrong and what to do; never with anything unforeseen.
 */
class GarbageDiscoveryTest {
  @TempDir Path dir;
  private CaliforniumDevice bad;
  private TestHub hub;

  @BeforeEach
  void start() {
    bad = CaliforniumDevice.start();
    hub = new TestHub(dir, "coap.poll-interval-ms=200", "coap.request-timeout-ms=1500");
  }

  @AfterEach
  void stop() {
    hub.close();
    bad.close();
  }

  static List<Arguments> garbage() {
    byte[] junk = new byte[600];
    new Random(7).nextBytes(junk);
    String huge =
        IntStream.range(0, 4000).mapToObj(i -> "</r" + i + ">").collect(Collectors.joining(","));
    String many =
        IntStream.range(0, 200).mapToObj(i -> "</r" + i + ">").collect(Collectors.joining(","));
    return List.of(
        Arguments.of("illegal URI characters", text("</sensor temp>;rt=\"x\""), 40, 502, "URI"),
        Arguments.of("binary junk", junk, 40, 502, "UTF-8"),
        Arguments.of("unterminated quote", text("</t>;title=\"abc"), 40, 502, "unterminated"),
        Arguments.of("wrong content format", text("{\"a\":1}"), 50, 502, "content format 50"),
        Arguments.of("huge document", text(huge), 40, 502, "max-payload-bytes"),
        Arguments.of("too many links", text(many), 40, 502, "more than 128 links"),
        Arguments.of("another host", text("<coap://10.9.9.9/x>"), 40, 502, "another device"),
        Arguments.of("empty list", new byte[0], 40, 422, "lists no resources"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbage")
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void garbageIsRefusedWithAMessageTheOwnerCanActOn(
      String kind, byte[] core, int format, int status, String reason) {
    bad.core(core, format);

    HubException refused = refusal();

    assertEquals(status, refused.status(), kind + ": " + refused.getMessage());
    assertTrue(refused.getMessage().contains(bad.url()), refused.getMessage());
    assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    assertTrue(refused.getMessage().contains("check"), "says what to do: " + refused.getMessage());
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aBadTargetBesideGoodOnesIsListedAsUnsupported() throws Exception {
    bad.core(text("</sensor temp>,</temp>;rt=\"temperature\""), 40);
    bad.resource("temp", text("21.5"), 0);

    CoapAddition added = Await.get(hub.devices().addDetailed("Mixed", URI.create(bad.url()), null));

    assertEquals(1, added.devices().size());
    assertEquals(Capability.TEMPERATURE, only(added.devices().get(0).capabilities()));
    assertEquals("/sensor temp", added.unsupported().get(0).path());
    assertTrue(added.unsupported().get(0).reason().contains("not a valid URI"));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aDeviceWithNoReadableResourceIs422WithEachReason() {
    bad.core(text("</missing>,</blob>;title=\"Blob\""), 40);
    bad.resource("blob", new byte[] {1, 2, 3}, 42);

    HubException refused = refusal();

    assertEquals(422, refused.status(), refused.getMessage());
    assertEquals("no_usable_resource", refused.code());
    assertTrue(refused.getMessage().contains("/missing (answered 4.04"), refused.getMessage());
    assertTrue(refused.getMessage().contains("/blob (content format 42"), refused.getMessage());
    assertTrue(refused.getMessage().contains(bad.url()), refused.getMessage());
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void anUnclassifiedNumberBecomesAPolledValueWithItsAttributes() throws Exception {
    bad.core(text("</c>;rt=\"x.counter\";if=\"core.s\";title=\"Pulses\""), 40);
    bad.resource("c", text("42"), 0);

    List<SensorDevice> added = Await.get(hub.devices().add("Meter", URI.create(bad.url()), null));

    SensorDevice counter = added.get(0);
    assertEquals(Capability.VALUE, only(counter.capabilities()));
    assertEquals(
        Map.of("rt", "x.counter", "if", "core.s", "title", "Pulses"), counter.attributes());
    bad.resource("c", text("43"), 0);
    waitForValue(counter.id(), Capability.VALUE, 43.0);
  }

  private void waitForValue(String deviceId, Capability capability, Object value) throws Exception {
    Eventually.check(
        Duration.ofSeconds(10),
        capability + " " + value + " arrives for " + deviceId,
        () -> {
          Await.get(hub.hub.context().devices().events().flush());
          List<DeviceEvent> state = Await.get(hub.hub.context().devices().events().state(deviceId));
          return state.stream()
              .anyMatch(e -> e.capability() == capability && e.value().equals(value));
        });
  }

  private HubException refusal() {
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> Await.get(hub.devices().addDetailed("Bad", URI.create(bad.url()), null)));
    return assertInstanceOf(HubException.class, e.getCause());
  }

  private static Capability only(java.util.Set<Capability> capabilities) {
    assertEquals(1, capabilities.size(), capabilities.toString());
    return capabilities.iterator().next();
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
