package io.hearth.adapters.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A scripted device that answers garbage, too much, or nothing: the hub copes. */
class BadDeviceTest {
  @TempDir Path dir;
  private ScriptedCoapServer bad;
  private TestHub hub;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void start() throws Exception {
    bad = new ScriptedCoapServer();
    bad.answer(
        "/.well-known/core", text("</temp>;rt=\"temperature\";ct=0,</hum>;title=\"Humidity\""));
    bad.answer("/temp", text("21.5"));
    bad.answer("/hum", text("40"));
    hub =
        new TestHub(
            dir,
            "coap.poll-interval-ms=150",
            "coap.request-timeout-ms=400",
            "coap.max-payload-bytes=256");
    log.start();
    ((Logger) LoggerFactory.getLogger(ResourceWatch.class)).addAppender(log);
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(ResourceWatch.class)).detachAppender(log);
    hub.close();
    bad.close();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void garbageIsLoggedOnceAndTheLastGoodValueStays() throws Exception {
    List<SensorDevice> added = Await.get(hub.devices().add("Bad", URI.create(bad.url()), null));
    assertEquals(2, added.size());
    SensorDevice temp = byCapability(added, Capability.TEMPERATURE);
    waitFor(() -> hub.devices().lastValue(bad.url(), "/temp").isPresent());

    bad.answer("/temp", new byte[] {(byte) 0xc3, 0x28, 0x01});
    Thread.sleep(800);
    bad.answer("/temp", new byte[300]);
    Thread.sleep(800);
    bad.answer("/temp", text("9999"));
    Thread.sleep(800);

    assertEquals(1, warnings("/temp"), "one reason per device, not one per message");
    assertTrue(log.list.get(0).getFormattedMessage().contains("not valid UTF-8"));
    assertEquals(
        21.5, Double.parseDouble(hub.devices().lastValue(bad.url(), "/temp").orElseThrow()));
    Await.get(hub.hub.context().devices().events().flush());
    List<DeviceEvent> state = Await.get(hub.hub.context().devices().events().state(temp.id()));
    assertTrue(
        state.stream()
            .anyMatch(e -> e.capability() == Capability.TEMPERATURE && e.value().equals(21.5)),
        state.toString());
    assertEquals(
        "40.0",
        hub.devices().lastValue(bad.url(), "/hum").orElseThrow(),
        "the other resource still works");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aSilentDeviceIsReportedUnavailableWhileOthersKeepWorking() throws Exception {
    List<SensorDevice> added = Await.get(hub.devices().add("Bad", URI.create(bad.url()), null));
    SensorDevice temp = byCapability(added, Capability.TEMPERATURE);
    waitFor(() -> hub.devices().online(bad.url(), "/temp").orElse(false));

    bad.answer("/temp", ScriptedCoapServer.SILENT);
    bad.answer("/hum", text("41"));
    waitFor(() -> !hub.devices().online(bad.url(), "/temp").orElse(true));
    waitFor(() -> hub.devices().lastValue(bad.url(), "/hum").orElse("").equals("41.0"));

    Await.get(hub.hub.context().devices().events().flush());
    List<DeviceEvent> events = Await.get(hub.hub.context().devices().events().after(0, 1000));
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    e.deviceId().equals(temp.id())
                        && e.kind().equals(DeviceEvent.AVAILABILITY)
                        && e.value().equals(false)),
        events.toString());
    assertFalse(hub.devices().online(bad.url(), "/temp").orElseThrow());
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aDeviceThatNeverAnswersTimesOutWithoutBlocking() throws Exception {
    bad.answer("/.well-known/core", ScriptedCoapServer.SILENT);
    long start = System.nanoTime();
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> Await.get(hub.devices().add("Mute", URI.create(bad.url()), null)));
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertEquals(504, ((HubException) e.getCause()).status());
    assertTrue(tookMs < 3_000, "bounded by the request timeout, took " + tookMs + " ms");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aBadLinkFormatIsRefusedWithItsReason() {
    bad.answer("/.well-known/core", text("</temp;rt=1"));
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> Await.get(hub.devices().add("Bad", URI.create(bad.url()), null)));
    HubException cause = (HubException) e.getCause();
    assertEquals("bad_link_format", cause.code());
    assertTrue(cause.getMessage().contains("expected '>'"), cause.getMessage());
  }

  private long warnings(String path) {
    return log.list.stream()
        .filter(e -> e.getFormattedMessage().contains(path + ": ignoring"))
        .count();
  }

  private static SensorDevice byCapability(List<SensorDevice> devices, Capability capability) {
    return devices.stream()
        .filter(d -> d.capabilities().contains(capability))
        .findFirst()
        .orElseThrow();
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    Eventually.within(Duration.ofSeconds(8), "the condition", condition);
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
