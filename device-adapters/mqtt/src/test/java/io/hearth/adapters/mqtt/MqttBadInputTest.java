package io.hearth.adapters.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hearth.adapters.mqtt.convention.ProblemKind;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.testing.Mosquitto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Hostile and broken devices: the hub stays up, others keep updating, each reason logged once. */
class MqttBadInputTest {
  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private Mosquitto broker;
  private HubFixture hub;

  @BeforeEach
  void start() throws Exception {
    log.start();
    ((Logger) LoggerFactory.getLogger(ProblemLog.class)).addAppender(log);
    broker = Mosquitto.start(dir);
    hub = new HubFixture(dir.resolve("data"), "mqtt.url=" + broker.url());
    hub.awaitConnected(true);
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(ProblemLog.class)).detachAppender(log);
    hub.close();
    broker.close();
  }

  @Test
  @Timeout(90)
  void badDevicesAreLoggedOnceAndDoNotStopTheOthers() throws Exception {
    SensorDevice steady = steadyReports(20.0);
    broker.publish("zigbee2mqtt/broken", "{\"temperature\":", false);
    broker.publish("zigbee2mqtt/broken", "{\"temperature\":", false);
    broker.publish("zigbee2mqtt/wrongtype", "{\"temperature\":\"hot\"}", false);
    Path huge = dir.resolve("huge.json");
    Files.writeString(huge, "{\"temperature\":\"" + "x".repeat(1 << 20) + "\"}");
    broker.publishFile("zigbee2mqtt/huge", huge);
    broker.publish("zigbee2mqtt/steady", "{\"temperature\":21.0}", false);

    assertEquals(21.0, hub.awaitState(steady.id(), Capability.TEMPERATURE, 21.0));
    HubFixture.until(() -> lines("z2m:huge").isEmpty() ? Optional.empty() : Optional.of(1), "log");
    assertEquals(1, lines("z2m:broken").size(), () -> "logged once: " + lines("z2m:broken"));
    assertTrue(
        lines("z2m:broken").get(0).contains("MALFORMED_JSON"), lines("z2m:broken")::toString);
    assertTrue(lines("z2m:wrongtype").get(0).contains("WRONG_TYPE"));
    assertTrue(lines("z2m:huge").get(0).contains("PAYLOAD_TOO_LARGE"));
    assertTrue(hub.find("z2m:broken").isEmpty(), "nothing usable, no device");
  }

  @Test
  @Timeout(90)
  void aFloodOfJunkIsCountedNotLoggedPerMessage() throws Exception {
    SensorDevice steady = steadyReports(20.0);
    Path lines = dir.resolve("junk.txt");
    List<String> junk = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      junk.add("junk " + i + " {");
    }
    Files.write(lines, junk);
    broker.publishLines("zigbee2mqtt/flooder", lines);
    broker.publishLines("tele/junk/NOISE", lines);
    broker.publish("zigbee2mqtt/steady", "{\"temperature\":21.0}", false);

    assertEquals(21.0, hub.awaitState(steady.id(), Capability.TEMPERATURE, 21.0));
    long problems =
        HubFixture.until(
            () -> {
              long n = hub.bridge().problems().total();
              return n >= 4000 ? Optional.of(n) : Optional.empty();
            },
            "flood counted");
    assertTrue(problems >= 4000, "counted: " + problems);
    assertTrue(hub.bridge().problems().count(ProblemKind.LIMIT_EXCEEDED) > 0, "flood limited");
    assertTrue(lines("flooder").size() <= 2, () -> "one line per reason: " + lines("flooder"));
    assertEquals(1, lines("tele/junk/NOISE").size(), () -> "flood: " + lines("tele/junk/NOISE"));
  }

  /** A healthy sensor that reports before and after the bad input. */
  private SensorDevice steadyReports(double first) throws Exception {
    broker.publish("zigbee2mqtt/steady", "{\"temperature\":" + first + "}", false);
    SensorDevice steady = hub.awaitDevice("z2m:steady");
    hub.awaitState(steady.id(), Capability.TEMPERATURE, first);
    return steady;
  }

  private List<String> lines(String subject) {
    List<ILoggingEvent> seen;
    synchronized (log) {
      seen = List.copyOf(log.list);
    }
    return seen.stream()
        .map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains(subject))
        .toList();
  }
}
