package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.runtime.testing.Mosquitto;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two brokers every conformance check runs against in the same run: a real mosquitto (the
 * reference) and the hub's broker. A check is run against each with the same client and steps, and
 * the hub must answer what mosquitto answers.
 */
final class ReferenceBrokers implements AutoCloseable {
  /** A broker as a client sees it: where it listens and the password it wants. */
  record Target(String name, int port, String password) {
    String host() {
      return "127.0.0.1";
    }

    String url() {
      return "tcp://127.0.0.1:" + port;
    }
  }

  /** One check, run against one broker; it returns what the client observed. */
  interface Check<T> {
    T run(Target target) throws Exception;
  }

  final Mosquitto mosquitto;
  final BrokerHub hub;
  final Target reference;
  final Target hearth;

  private ReferenceBrokers(Mosquitto mosquitto, BrokerHub hub) {
    this.mosquitto = mosquitto;
    this.hub = hub;
    // mosquitto lets anyone in; the hub takes an API token as the password (the owner's sees all).
    this.reference = new Target("mosquitto", mosquitto.port(), "anything");
    this.hearth = new Target("hearth", hub.port(), hub.ownerToken);
  }

  private static ReferenceBrokers shared;

  /**
   * The pair every conformance class uses, started once per test JVM (each check uses its own
   * client ids and topics) and stopped when the JVM ends.
   */
  static synchronized ReferenceBrokers shared() throws Exception {
    if (shared == null) {
      Path dir = Files.createTempDirectory("mqtt-conformance");
      shared = start(dir);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  static ReferenceBrokers start(Path dir) throws Exception {
    Mosquitto mosquitto = Mosquitto.start(Files.createDirectories(dir.resolve("mosquitto")));
    try {
      // No publish rate limit in the way of a conformance check (the limit has its own tests).
      return new ReferenceBrokers(
          mosquitto, BrokerHub.start(dir.resolve("hub"), "api.mqtt.max-publish-rate=100000"));
    } catch (Exception | Error e) {
      mosquitto.close();
      throw e;
    }
  }

  /**
   * Runs a check against mosquitto, then the hub, asserts the hub observed what mosquitto did, and
   * returns mosquitto's observation (for the test to hold against the specification too).
   */
  <T> T same(String what, Check<T> check) throws Exception {
    T expected = check.run(reference);
    T actual = check.run(hearth);
    assertEquals(expected, actual, what + ": the hub differs from mosquitto");
    return expected;
  }

  @Override
  public void close() {
    try {
      hub.close();
    } finally {
      mosquitto.close();
    }
  }
}
