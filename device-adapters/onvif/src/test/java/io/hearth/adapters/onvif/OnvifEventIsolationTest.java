package io.hearth.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.TestNetwork;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two ONVIF cameras on two networks, each with motion at its own times, camera B's messages naming
 * camera A's video source: each camera's MOTION state follows only its own camera's messages. With
 * notifications, B POSTing to A's endpoint, and A naming a subscription that is not its own, are
 * refused and change nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OnvifEventIsolationTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"pullpoint", "notify"})
  void eachCameraFollowsOnlyItsOwnMessages(String delivery) throws Exception {
    try (TestNetwork netA = TestNetwork.create();
        TestNetwork netB = TestNetwork.create();
        OnvifHub hub =
            new OnvifHub(
                dir,
                netA.hostInterface() + "," + netB.hostInterface(),
                "onvif.event-subscription-seconds=4",
                "onvif.event-pull-seconds=2",
                "onvif.event-delivery=" + delivery)) {
      // GIVEN two adopted cameras, each subscribed to
      MotionLog motion = new MotionLog(hub.hub.context().vertx());
      SimulatedCamera a = SimulatedCamera.start(netA, dir, "Front", false);
      SimulatedCamera b = SimulatedCamera.start(netB, dir, "Back", false);
      String idA = EventSchedule.adopt(hub, a);
      String idB = EventSchedule.adopt(hub, b);
      String made = delivery.equals("notify") ? "SUBSCRIBE 1" : "CREATE 1";
      a.awaitLog(made, 10);
      b.awaitLog(made, 10);

      // WHEN each sees motion at its own times, B's messages naming A's source token
      long t = System.currentTimeMillis() + 1500;
      EventSchedule ofB =
          new EventSchedule()
              .motion(t, true, "cell", "vs_Front")
              .motion(t + 1000, false, "cell", "vs_Front")
              .motion(t + 4000, true, "alarm", "vs_Front")
              .motion(t + 5000, false, "alarm", "vs_Front");
      EventSchedule ofA =
          new EventSchedule()
              .motion(t + 2000, true, "cell", "vs_Front")
              .motion(t + 3000, false, "cell", "vs_Front");
      b.control(ofB.json());
      a.control(ofA.json());

      // THEN each camera's state has exactly its own camera's changes, at their times
      ofB.followedBy(motion, idB);
      ofA.followedBy(motion, idA);
      if (delivery.equals("notify")) {
        forgedNotificationsAreRefused(motion, netB, a, b, idA);
      }
    }
  }

  private static void forgedNotificationsAreRefused(
      MotionLog motion, TestNetwork netB, SimulatedCamera a, SimulatedCamera b, String idA)
      throws Exception {
    URI consumerA = URI.create(a.lines("SUBSCRIBE").get(0).split(" ")[2]);
    String referenceA = "http://" + a.host + ":" + a.port + "/onvif/subscription/1";
    String viaB =
        "http://"
            + netB.hostAddress().getHostAddress()
            + ":"
            + consumerA.getPort()
            + consumerA.getPath();
    int before = motion.of(idA).size();

    // WHEN B POSTs motion to A's endpoint naming A's subscription, and A names another one
    b.control(post(viaB, referenceA));
    a.control(post(consumerA.toString(), referenceA.replace("/1", "/99")));

    // THEN both are refused and A's state is unchanged...
    OnvifHub.eventually(() -> lines(b, "POSTED").size() == 1, 5000, "B's POST answered");
    OnvifHub.eventually(() -> lines(a, "POSTED").size() == 1, 5000, "A's POST answered");
    Thread.sleep(500); // nothing to wait for: a refused message must not show up late either
    assertEquals(before, motion.of(idA).size(), "A's state changed: " + motion.of(idA));
    assertTrue(lines(b, "POSTED").get(0).startsWith("POSTED 4"), b.lines("POSTED").toString());
    assertEquals("POSTED 403", lines(a, "POSTED").get(0));

    // ...while the same POST from A naming its own subscription is taken (the path works)
    a.control(post(consumerA.toString(), referenceA));
    OnvifHub.eventually(() -> motion.of(idA).size() == before + 1, 5000, "A's own POST taken");
    assertEquals("POSTED 200", lines(a, "POSTED").get(1));
  }

  private static String post(String url, String reference) {
    return "{\"post\":{\"url\":\"%s\",\"reference\":\"%s\",\"motion\":true,\"source\":\"vs_Front\"}}"
        .formatted(url, reference);
  }

  private static List<String> lines(SimulatedCamera cam, String word) {
    try {
      return cam.lines(word);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
