package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.api.mqtt.ReferenceBrokers.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MQTT 3.1.1 conformance with Eclipse Paho's Java client (1.2.5): each check runs against a real
 * mosquitto and then the hub, and the hub must observe what mosquitto does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Mqtt311ConformanceTest {
  /** How long "nothing more arrives" is watched for. */
  static final long QUIET_MS = 400;

  static ReferenceBrokers brokers;

  @BeforeAll
  static void start() throws Exception {
    brokers = ReferenceBrokers.shared();
  }

  @Test
  void sessionPresentFollowsCleanSession() throws Exception {
    List<Boolean> present = brokers.same("CONNACK session present", this::sessionPresent);
    // clean; persistent (new); persistent (resumed); clean (discards it); persistent (new again)
    assertEquals(List.of(false, false, true, false, false), present);
  }

  private List<Boolean> sessionPresent(Target t) throws Exception {
    MqttClient client = new MqttClient(t.url(), "sp-311", new MemoryPersistence());
    List<Boolean> present = new ArrayList<>();
    for (boolean clean : new boolean[] {true, false, false, true, false}) {
      present.add(client.connectWithResult(Paho.options(t.password(), clean)).getSessionPresent());
      if (!clean) {
        client.subscribe("sp/t", 1);
      }
      client.disconnect();
    }
    client.close();
    return present;
  }

  @Test
  void eachQosIsDeliveredAtTheLowerOfPublishAndSubscription() throws Exception {
    List<String> got = brokers.same("QoS 0/1/2 delivery", this::qosDelivery);
    assertEquals(
        List.of(
            "qos/0 0>0",
            "qos/0 1>0",
            "qos/0 2>0",
            "qos/1 0>0",
            "qos/1 1>1",
            "qos/1 2>1",
            "qos/2 0>0",
            "qos/2 1>1",
            "qos/2 2>2"),
        got);
  }

  private List<String> qosDelivery(Target t) throws Exception {
    Paho sub = Paho.connect(t.url(), "qos-sub", t.password(), true);
    Paho pub = Paho.connect(t.url(), "qos-pub", t.password(), true);
    List<String> got = new ArrayList<>();
    for (int granted = 0; granted <= 2; granted++) {
      assertEquals(granted, sub.subscribe("qos/" + granted, granted), "granted QoS");
      for (int qos = 0; qos <= 2; qos++) {
        pub.publish("qos/" + granted, qos + ">", qos, false);
        Paho.Received m = sub.next();
        got.add(m == null ? "nothing" : m.topic() + " " + m.payload() + m.qos());
      }
    }
    pub.close();
    sub.close();
    return got;
  }

  @Test
  void aPersistentSessionGetsItsQueuedQos1MessagesAfterReconnecting() throws Exception {
    List<String> got = brokers.same("queued for a persistent session", this::queued);
    // QoS 0 messages are not queued for an offline client (mosquitto's default, and the hub's).
    assertEquals(List.of("q1-0 1", "q1-1 1", "q1-2 1", "q1-3 1", "q1-4 1", "-"), got);
  }

  private List<String> queued(Target t) throws Exception {
    Paho away = Paho.connect(t.url(), "queued-sub", t.password(), false);
    away.subscribe("queued/t", 1);
    away.close();
    Paho pub = Paho.connect(t.url(), "queued-pub", t.password(), true);
    for (int i = 0; i < 5; i++) {
      pub.publish("queued/t", "q1-" + i, 1, false);
      pub.publish("queued/t", "q0-" + i, 0, false);
    }
    pub.close();
    Paho back = Paho.connect(t.url(), "queued-sub", t.password(), false);
    List<String> got = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Paho.Received m = back.next();
      got.add(m == null ? "nothing" : m.payload() + " " + m.qos());
    }
    got.add(back.received.poll(QUIET_MS, TimeUnit.MILLISECONDS) == null ? "-" : "more");
    back.client.disconnect();
    back.client.connect(Paho.options(t.password(), true)); // ends the session
    back.close();
    return got;
  }

  @Test
  void anUnsubscribedFilterGetsNothingMore() throws Exception {
    List<String> got = brokers.same("unsubscribe", this::unsubscribe);
    assertEquals(List.of("unsub/a", "-"), got);
  }

  private List<String> unsubscribe(Target t) throws Exception {
    Paho sub = Paho.connect(t.url(), "unsub-sub", t.password(), true);
    Paho pub = Paho.connect(t.url(), "unsub-pub", t.password(), true);
    sub.subscribe("unsub/#", 1);
    pub.publish("unsub/a", "x", 1, false);
    Paho.Received first = sub.next();
    sub.client.unsubscribe("unsub/#");
    pub.publish("unsub/b", "x", 1, false);
    List<String> got =
        List.of(
            first == null ? "nothing" : first.topic(),
            show(sub.received.poll(QUIET_MS, TimeUnit.MILLISECONDS)));
    pub.close();
    sub.close();
    return got;
  }

  @Test
  void retainedMessagesAreSetReplacedAndClearedAndFlaggedOnlyForNewSubscribers() throws Exception {
    List<String> got = brokers.same("retained", this::retained);
    assertEquals(
        List.of("live one r0", "new one r1", "live two r0", "new two r1", "live  r0", "-"), got);
  }

  private List<String> retained(Target t) throws Exception {
    Paho live = Paho.connect(t.url(), "ret-live", t.password(), true);
    live.subscribe("ret311/a", 1);
    Paho pub = Paho.connect(t.url(), "ret-pub", t.password(), true);
    List<String> got = new ArrayList<>();
    for (String payload : new String[] {"one", "two", ""}) {
      pub.publish("ret311/a", payload, 1, true);
      got.add("live " + flagged(live.next()));
      Paho late = Paho.connect(t.url(), "ret-new", t.password(), true);
      late.subscribe("ret311/#", 1);
      got.add(
          payload.isEmpty()
              ? show(late.received.poll(QUIET_MS, TimeUnit.MILLISECONDS))
              : "new " + flagged(late.next()));
      late.close();
    }
    pub.close();
    live.close();
    return got;
  }

  @Test
  void wildcardsMatchLikeMosquittoAndNeverMatchDollarTopicsAtTheFirstLevel() throws Exception {
    List<String> got = brokers.same("wildcards", this::wildcards);
    assertEquals(
        List.of(
            "wc/+/x: wc/a/x",
            "wc/#: wc wc/a wc/a/b/x wc/a/x",
            "#: wc wc/a wc/a/b/x wc/a/x",
            "+/+: wc/a",
            "+/#: wc wc/a wc/a/b/x wc/a/x",
            "$wc/#: $wc/x"),
        got);
  }

  private List<String> wildcards(Target t) throws Exception {
    List<String> filters = List.of("wc/+/x", "wc/#", "#", "+/+", "+/#", "$wc/#");
    List<Paho> subs = new ArrayList<>();
    for (String filter : filters) {
      Paho sub = Paho.connect(t.url(), "wc-" + subs.size(), t.password(), true);
      sub.subscribe(filter, 1);
      sub.subscribe("zz-end", 1);
      subs.add(sub);
    }
    Paho pub = Paho.connect(t.url(), "wc-pub", t.password(), true);
    for (String topic : List.of("wc/a/x", "wc/a/b/x", "wc", "wc/a", "$wc/x", "zz-end")) {
      pub.publish(topic, "x", 1, false);
    }
    pub.close();
    List<String> got = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      got.add(filters.get(i) + ": " + topicsUntilEnd(subs.get(i)));
      subs.get(i).close();
    }
    return got;
  }

  /** The sorted topics (wc... and $wc...) a subscriber got before the last one, "zz-end". */
  private static String topicsUntilEnd(Paho sub) throws InterruptedException {
    List<String> topics = new ArrayList<>();
    for (Paho.Received m = sub.next(); m != null; m = sub.next()) {
      if (m.topic().equals("zz-end")) {
        break;
      }
      if (m.topic().startsWith("wc") || m.topic().startsWith("$wc")) {
        topics.add(m.topic());
      }
    }
    return String.join(" ", topics.stream().sorted().toList());
  }

  private static String flagged(Paho.Received m) {
    return m == null ? "nothing" : m.payload() + " r" + (m.retained() ? 1 : 0);
  }

  private static String show(Paho.Received m) {
    return m == null ? "-" : m.topic() + " " + m.payload();
  }
}
