package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.api.mqtt.ReferenceBrokers.Target;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Conformance with the npm {@code mqtt} package (src/test/node, installed by .ci/install-peers):
 * MQTT 5 topic aliases, and session present with a QoS 2 round trip in MQTT 3.1.1 and 5, each
 * against a real mosquitto and then the hub.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeMqttConformanceTest {
  static final Path DRIVER_DIR = Path.of("src/test/node");
  static ReferenceBrokers brokers;

  @BeforeAll
  static void start() throws Exception {
    Peers.require("node", "nodejs");
    if (!Files.isDirectory(DRIVER_DIR.resolve("node_modules/mqtt"))) {
      Peers.missing("the npm mqtt package is not installed: run .ci/install-peers");
    }
    brokers = ReferenceBrokers.shared();
  }

  @Test
  void aTopicAliasSetWithATopicIsUsedAlone() throws Exception {
    JsonObject got = brokers.same("MQTT 5 topic alias", t -> drive("alias", t, 5));
    assertEquals(
        new JsonObject(
            "{\"topicAliasMaximumAtLeast1\":true,"
                + "\"got\":[\"alias/a set q1 r0\",\"alias/a used q1 r0\"]}"),
        got);
  }

  @Test
  void sessionPresentAndQos2RoundTripInMqtt311And5() throws Exception {
    for (int version : new int[] {4, 5}) {
      JsonObject got =
          brokers.same("session, version " + version, t -> drive("session", t, version));
      String x = "nodesp/t x q2 r0";
      // clean; persistent (new); persistent (resumed); clean
      assertEquals(
          new JsonObject()
              .put(
                  "present",
                  new io.vertx.core.json.JsonArray()
                      .add(false)
                      .add(x)
                      .add(false)
                      .add(x)
                      .add(true)
                      .add(x)
                      .add(false)
                      .add(x)),
          got);
    }
  }

  private static JsonObject drive(String scenario, Target t, int version) throws Exception {
    Process p =
        new ProcessBuilder(
                "node", "driver.mjs", scenario, "" + t.port(), t.password(), "" + version)
            .directory(DRIVER_DIR.toFile())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the node driver did not end");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.exitValue() != 0) {
      return new JsonObject().put("failed", out);
    }
    return new JsonObject(out.lines().reduce((a, b) -> b).orElse("{}"));
  }
}
