package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.api.HubProcess;
import io.hearth.runtime.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QoS 1 flood acceptance of the hardening issue, beside {@link NoAckedMessageLostTest} (MQTT
 * 3.1.1 in one JVM): MQTT 5 with an online and a full offline persistent subscriber, and MQTT 3.1.1
 * and 5 together with the hub process killed (kill -9) mid-flood. Every message a publisher got a
 * successful PUBACK for must reach every persistent subscriber; a second copy is allowed only where
 * QoS 1 allows it, after a connection was cut (the publisher resending an unacknowledged message,
 * or the broker resending one whose PUBACK it never got).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QosFloodTest {
  /** Messages per publisher (-Dflood.count for a longer run). */
  static final int COUNT = Integer.getInteger("flood.count", 300);

  @TempDir Path dir;

  @Test
  void anMqtt5FloodReachesAnOnlineAndAFullOfflineSubscriberWithNothingAcknowledgedLost()
      throws Exception {
    try (BrokerHub hub =
        BrokerHub.start(dir, "api.mqtt.max-queued=" + COUNT / 2, "api.mqtt.max-publish-rate=0")) {
      FloodPeer online = new FloodPeer("on5", 5, hub.ownerToken, true);
      FloodPeer offline = new FloodPeer("off5", 5, hub.ownerToken, true);
      online.connect(hub.port(), true);
      offline.connect(hub.port(), true);
      offline.disconnect();
      FloodPeer publisher = new FloodPeer("pub5", 5, hub.ownerToken, false);
      publisher.connect(hub.port(), false);
      List<String> acked = new ArrayList<>();
      for (int i = 0; i < COUNT; i++) {
        if (publisher.publish("pub5#" + i)) { // MQTT 5: a refusal is a PUBACK 0x97, no disconnect
          acked.add("pub5#" + i);
        }
      }
      publisher.disconnect();
      offline.connect(hub.port(), false);
      awaitAll(List.of(online, offline), acked);
      online.disconnect();
      offline.disconnect();
      assertLostNone(online, acked);
      assertLostNone(offline, acked);
      // The offline queue filled up, so some were refused before their ack (not dropped after).
      assertTrue(acked.size() >= COUNT / 2 && acked.size() < COUNT, "acked " + acked.size());
      // Nobody's connection was cut: no copies at all.
      assertEquals(0, duplicates(online) + duplicates(offline), "duplicates without a cut");
    }
  }

  @Test
  void killNineMidFloodLosesNoAcknowledgedMessageInMqtt311Or5() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    HubProcess hub = start(data, "hub-1.log");
    String token = hub.ownerToken();
    List<FloodPeer> subscribers = new ArrayList<>();
    for (int version : new int[] {3, 5}) {
      for (String mode : new String[] {"on", "off"}) {
        FloodPeer s = new FloodPeer(mode + version, version, token, true);
        s.connect(hub.mqttPort(), true);
        subscribers.add(s);
      }
    }
    subscribers.stream().filter(s -> s.id.startsWith("off")).forEach(FloodPeer::disconnect);
    List<FloodPeer> publishers =
        List.of(new FloodPeer("pub3", 3, token, false), new FloodPeer("pub5", 5, token, false));
    for (FloodPeer p : publishers) {
      p.connect(hub.mqttPort(), false);
    }
    List<String> acked = new ArrayList<>();
    HubProcess restarted = floodThroughAKill(hub, data, publishers, acked);
    try {
      for (FloodPeer s : subscribers) {
        s.disconnect();
        s.connect(restarted.mqttPort(), false); // the persistent session, resumed after the kill
      }
      awaitAll(subscribers, acked);
      for (FloodPeer s : subscribers) {
        s.disconnect();
        assertLostNone(s, acked);
      }
      System.out.printf(
          "QoS 1 flood with kill -9: %d acknowledged, 0 lost, %d duplicates (after the cut)%n",
          acked.size(), subscribers.stream().mapToInt(QosFloodTest::duplicates).sum());
    } finally {
      restarted.close();
    }
  }

  /** Alternates the publishers; kills the hub at half the messages, restarts it, goes on. */
  private HubProcess floodThroughAKill(
      HubProcess hub, Path data, List<FloodPeer> publishers, List<String> acked) throws Exception {
    AtomicInteger done = new AtomicInteger();
    Thread killer =
        new Thread(
            () -> {
              try {
                while (done.get() < COUNT) {
                  Thread.sleep(5);
                }
                hub.kill(); // while a publish is in flight
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    killer.start();
    HubProcess current = hub;
    for (int i = 0; i < COUNT; i++) {
      for (FloodPeer p : publishers) {
        String payload = p.id + "#" + i;
        while (!p.publish(payload)) {
          // Cut off (or refused): once the hub is back, send it again; it may arrive twice.
          killer.join(30_000);
          if (current == hub) {
            current = start(data, "hub-2.log");
          }
          p.disconnect();
          p.connect(current.mqttPort(), false);
        }
        acked.add(payload);
        done.incrementAndGet();
      }
    }
    killer.join(30_000);
    assertTrue(current != hub, "the hub was never killed");
    return current;
  }

  private static HubProcess start(Path data, String log) throws Exception {
    HubProcess hub =
        HubProcess.run(
            data,
            data.resolveSibling(log),
            "api.mqtt.max-queued=" + 4 * COUNT,
            "api.mqtt.max-publish-rate=0");
    hub.awaitHttpPort(Duration.ofSeconds(30));
    return hub;
  }

  private static void awaitAll(List<FloodPeer> subscribers, List<String> acked) throws Exception {
    Eventually.holdsWithin(
        Duration.ofSeconds(15),
        () -> subscribers.stream().allMatch(s -> s.copies.keySet().containsAll(acked)));
  }

  private static void assertLostNone(FloodPeer subscriber, List<String> acked) {
    Map<String, Integer> got = subscriber.copies;
    long lost = acked.stream().filter(m -> !got.containsKey(m)).count();
    assertEquals(
        0, lost, subscriber.id + ": " + lost + " of " + acked.size() + " acknowledged lost");
  }

  private static int duplicates(FloodPeer subscriber) {
    return subscriber.copies.values().stream().mapToInt(n -> n - 1).sum();
  }
}
