package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.api.mqtt.ReferenceBrokers.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MQTT 3.1.1 and 5 conformance with mosquitto's own clients (mosquitto_pub, mosquitto_sub): the
 * packets of each QoS flow as the clients log them (-d), retained messages, and the last will, each
 * against a real mosquitto and then the hub.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MosquittoClientsConformanceTest {
  static ReferenceBrokers brokers;

  @BeforeAll
  static void start() throws Exception {
    brokers = ReferenceBrokers.shared();
  }

  @ParameterizedTest
  @ValueSource(strings = {"mqttv311", "mqttv5"})
  void publishingAtEachQosGoesThroughTheSamePackets(String version) throws Exception {
    for (int qos = 0; qos <= 2; qos++) {
      String q = String.valueOf(qos);
      List<String> packets =
          brokers.same(
              version + " QoS " + qos + " publish flow",
              t -> MosquittoCli.packets(pub(t, version, "-q", q, "-t", "flow/p", "-m", "x")));
      assertTrue(packets.get(packets.size() - 1).endsWith(" sending DISCONNECT"), "" + packets);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mqttv311", "mqttv5"})
  void receivingAtQos2GoesThroughTheSamePackets(String version) throws Exception {
    List<String> packets = brokers.same(version + " QoS 2 receive flow", t -> receive(t, version));
    assertEquals(
        List.of(
            "received PUBLISH (d0, q2, r0, m1, 'flow/r', ... (1 bytes))",
            "sending PUBREC (m1, rc0)",
            "received PUBREL (Mid: 1)",
            "sending PUBCOMP (m1)"),
        packets.stream()
            .filter(p -> p.contains("PUB"))
            .map(p -> p.substring(p.indexOf(" ") + 1))
            .toList());
  }

  private List<String> receive(Target t, String version) throws Exception {
    MosquittoCli.Running sub =
        MosquittoCli.subscribe(t, version, "-q", "2", "-t", "flow/r", "-C", "1");
    pub(t, version, "-q", "2", "-t", "flow/r", "-m", "x");
    List<String> lines = new ArrayList<>(sub.debug());
    lines.addAll(sub.rest());
    return MosquittoCli.packets(lines);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mqttv311", "mqttv5"})
  void aRetainedMessageIsSetReplacedAndClearedByAnEmptyOne(String version) throws Exception {
    List<String> got = brokers.same(version + " retained", t -> retained(t, version));
    assertEquals(List.of("ret/" + version + " one", "ret/" + version + " two", "none"), got);
  }

  private List<String> retained(Target t, String version) throws Exception {
    String topic = "ret/" + version;
    List<String> got = new ArrayList<>();
    for (String payload : new String[] {"one", "two", ""}) {
      if (payload.isEmpty()) {
        pub(t, version, "-q", "1", "-r", "-t", topic, "-n");
      } else {
        pub(t, version, "-q", "1", "-r", "-t", topic, "-m", payload);
      }
      List<String> seen =
          MosquittoCli.run(
              t,
              version,
              "mosquitto_sub",
              "-t",
              topic,
              "-v",
              "--retained-only",
              "-C",
              "1",
              "-W",
              payload.isEmpty() ? "1" : "5");
      got.add(seen.stream().filter(l -> l.startsWith(topic)).findFirst().orElse("none"));
    }
    return got;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mqttv311", "mqttv5"})
  void theWillIsSentWhenAClientDiesAndNotWhenItDisconnects(String version) throws Exception {
    List<String> got = brokers.same(version + " last will", t -> wills(t, version));
    assertEquals(List.of("will/" + version + " died", "no will"), got);
  }

  private List<String> wills(Target t, String version) throws Exception {
    String topic = "will/" + version;
    MosquittoCli.Running watcher = MosquittoCli.subscribe(t, version, "-t", topic, "-v");
    List<String> got = new ArrayList<>();
    // Killed (no DISCONNECT): the broker publishes the will.
    MosquittoCli.Running dying = willing(t, version, topic, "died", "will-a");
    dying.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    got.add(String.valueOf(watcher.lines().nextOn(topic, 5000)));
    // Ends normally after one message (DISCONNECT): no will.
    MosquittoCli.Running leaving = willing(t, version, topic, "left", "will-b");
    pub(t, version, "-q", "1", "-t", "will/trigger", "-m", "x");
    leaving.rest();
    pub(t, version, "-q", "1", "-t", topic, "-m", "marker");
    String next = watcher.lines().nextOn(topic, 5000);
    got.add(next != null && next.endsWith(" marker") ? "no will" : String.valueOf(next));
    watcher.process().destroy();
    return got;
  }

  private static MosquittoCli.Running willing(
      Target t, String version, String topic, String payload, String id) throws Exception {
    return MosquittoCli.subscribe(
        t,
        version,
        "-i",
        id,
        "-t",
        "will/trigger",
        "-C",
        "1",
        "--will-topic",
        topic,
        "--will-payload",
        payload,
        "--will-qos",
        "1");
  }

  private static List<String> pub(Target t, String version, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("-d");
    return MosquittoCli.run(t, version, "mosquitto_pub", all.toArray(String[]::new));
  }
}
