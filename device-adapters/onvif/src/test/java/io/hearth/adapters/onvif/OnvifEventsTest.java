package io.hearth.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hearth.runtime.testing.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A simulated ONVIF camera's own motion events reach its MOTION state: through PullPoint and
 * through notifications, on schedule (within 1 s), with the subscription renewed before it expires,
 * made anew when it fails, and refused garbage not stopping the loop.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OnvifEventsTest {
  private static final String[] FAST = {
    "onvif.event-subscription-seconds=4", "onvif.event-pull-seconds=2"
  };

  @TempDir Path dir;

  @Test
  void pullPointMotionFollowsTheScheduleAndIsRenewedBeforeExpiry() throws Exception {
    try (TestNetwork net = TestNetwork.create();
        OnvifHub hub = new OnvifHub(dir, net.hostInterface(), FAST)) {
      // GIVEN an adopted camera whose events the hub pulls
      MotionLog motion = new MotionLog(hub.hub.context().vertx());
      SimulatedCamera cam = SimulatedCamera.start(net, dir, "Porch", false);
      String id = EventSchedule.adopt(hub, cam);
      cam.awaitLog("CREATE 1", 10);

      // WHEN it sees motion on and off in each motion topic, over twice a subscription's life
      EventSchedule schedule = alternating(System.currentTimeMillis() + 1500, "vs_Porch");
      cam.control(schedule.json());

      // THEN its state follows, within 1 s, on the one subscription, renewed before expiry
      schedule.followedBy(motion, id);
      assertTrue(cam.count("RENEW") >= 3, "renewed " + cam.count("RENEW") + " times");
      assertEquals(0, cam.count("EXPIRED"), "a subscription expired");
      assertEquals(1, cam.count("CREATE"), "subscribed more than once");
    }
  }

  @Test
  void notificationsFollowTheScheduleAndAreRenewedBeforeExpiry() throws Exception {
    try (TestNetwork net = TestNetwork.create();
        OnvifHub hub =
            new OnvifHub(dir, net.hostInterface(), with(FAST, "onvif.event-delivery=notify"))) {
      MotionLog motion = new MotionLog(hub.hub.context().vertx());
      SimulatedCamera cam = SimulatedCamera.start(net, dir, "Gate", false);
      String id = EventSchedule.adopt(hub, cam);
      cam.awaitLog("SUBSCRIBE 1 http://" + net.hostAddress().getHostAddress(), 10);

      EventSchedule schedule = alternating(System.currentTimeMillis() + 1500, "vs_Gate");
      cam.control(schedule.json());

      schedule.followedBy(motion, id);
      assertTrue(cam.count("RENEW") >= 3, "renewed " + cam.count("RENEW") + " times");
      assertEquals(0, cam.count("EXPIRED"), "a subscription expired");
      assertEquals(1, cam.count("SUBSCRIBE"), "subscribed more than once");
      assertTrue(cam.lines("NOTIFY").stream().allMatch(l -> l.endsWith(" 200")), cam.output());
    }
  }

  @Test
  void aCameraRefusingPullPointSendsNotificationsInstead() throws Exception {
    try (TestNetwork net = TestNetwork.create()) {
      // GIVEN a camera without PullPoint, and a hub left to choose (onvif.event-delivery: auto)
      SimulatedCamera cam = SimulatedCamera.start(net, dir, "Loft", false);
      cam.control("{\"no_pullpoint\":true}");
      try (OnvifHub hub = new OnvifHub(dir, net.hostInterface(), FAST)) {
        MotionLog motion = new MotionLog(hub.hub.context().vertx());
        String id = EventSchedule.adopt(hub, cam);

        // WHEN it refused PullPoint THEN the hub subscribes for notifications, and motion arrives
        cam.awaitLog("SUBSCRIBE 1", 15);
        assertEquals(
            OnvifEventSettings.Delivery.AUTO,
            OnvifEventSettings.from(hub.hub.context().config()).delivery());
        EventSchedule schedule =
            new EventSchedule().motion(System.currentTimeMillis() + 1500, true, "cell", "vs_Loft");
        cam.control(schedule.json());
        schedule.followedBy(motion, id);
        assertEquals(2, cam.count("CREATE-REFUSED"), cam.output());
      }
    }
  }

  @Test
  void aFailingSubscriptionIsMadeAnewWithoutUnsubscribing() throws Exception {
    try (TestNetwork net = TestNetwork.create();
        OnvifHub hub = new OnvifHub(dir, net.hostInterface(), FAST)) {
      MotionLog motion = new MotionLog(hub.hub.context().vertx());
      SimulatedCamera cam = SimulatedCamera.start(net, dir, "Yard", false);
      String id = EventSchedule.adopt(hub, cam);
      cam.awaitLog("CREATE 1", 10);

      // WHEN the camera refuses to renew, then drops a connection, then ends subscriptions early
      cam.control("{\"refuse_renew\":true}");
      cam.awaitLog("CREATE 2", 15);
      cam.control("{\"refuse_renew\":false,\"drop\":1}");
      cam.awaitLog("CREATE 3", 15);
      cam.control("{\"lifetime_cap\":1}");
      cam.awaitLog("CREATE 5", 20);
      cam.control("{\"lifetime_cap\":0}");
      long created = cam.count("CREATE");
      OnvifHub.eventually(() -> count(cam, "PULLED") > 0, 5000, "pulling again");

      // THEN the hub subscribed again each time, never unsubscribed, and motion arrives
      EventSchedule schedule =
          new EventSchedule().motion(System.currentTimeMillis() + 1500, true, "cell", "vs_Yard");
      cam.control(schedule.json());
      schedule.followedBy(motion, id);
      assertEquals(0, cam.count("UNSUBSCRIBE"), cam.output());
      assertTrue(cam.count("CREATE") <= created + 1, "subscribed again and again");
    }
  }

  @Test
  void garbageAndOversizedAnswersAreRefusedAndPullingGoesOn() throws Exception {
    Logger pull = (Logger) LoggerFactory.getLogger(PullPoint.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    pull.addAppender(lines);
    try (TestNetwork net = TestNetwork.create();
        OnvifHub hub = new OnvifHub(dir, net.hostInterface(), FAST)) {
      MotionLog motion = new MotionLog(hub.hub.context().vertx());
      SimulatedCamera cam = SimulatedCamera.start(net, dir, "Shed", false);
      String id = EventSchedule.adopt(hub, cam);
      cam.awaitLog("CREATE 1", 10);

      long t = System.currentTimeMillis();
      EventSchedule schedule =
          new EventSchedule()
              .odd(t + 1000, "garbage")
              .odd(t + 2000, "oversized")
              .motion(t + 3500, true, "alarm", "vs_Shed");
      cam.control(schedule.json());

      schedule.followedBy(motion, id);
      assertEquals(1, cam.count("CREATE"), "the refused answers ended the subscription");
      long warned =
          lines.list.stream()
              .filter(e -> e.getLevel() == Level.WARN)
              .filter(e -> e.getFormattedMessage().contains("refused a message from camera " + id))
              .count();
      assertTrue(warned >= 1 && warned <= 2, "refusals logged in " + warned + " lines");
      assertTrue(lines.list.stream().allMatch(e -> e.getThrowableProxy() == null));
    } finally {
      pull.detachAppender(lines);
    }
  }

  @Test
  void garbageAndOversizedNotificationsAreRefusedAndLaterOnesTaken() throws Exception {
    try (TestNetwork net = TestNetwork.create();
        OnvifHub hub =
            new OnvifHub(dir, net.hostInterface(), with(FAST, "onvif.event-delivery=notify"))) {
      MotionLog motion = new MotionLog(hub.hub.context().vertx());
      SimulatedCamera cam = SimulatedCamera.start(net, dir, "Barn", false);
      String id = EventSchedule.adopt(hub, cam);
      cam.awaitLog("SUBSCRIBE 1", 10);

      long t = System.currentTimeMillis();
      EventSchedule schedule =
          new EventSchedule()
              .odd(t + 1000, "garbage")
              .odd(t + 2000, "oversized")
              .motion(t + 3500, true, "region", "vs_Barn");
      cam.control(schedule.json());

      schedule.followedBy(motion, id);
      List<String> answers = cam.lines("NOTIFY");
      assertEquals("NOTIFY 1 400", answers.get(0), answers.toString());
      assertTrue(!answers.get(1).endsWith(" 200"), "the oversized one was taken: " + answers);
      assertEquals("NOTIFY 1 200", answers.get(2), answers.toString());
      assertEquals(1, cam.count("SUBSCRIBE"));
    }
  }

  @Test
  void aRestartedHubSubscribesToItsAdoptedCamerasAgain() throws Exception {
    try (TestNetwork net = TestNetwork.create()) {
      SimulatedCamera cam = SimulatedCamera.start(net, dir, "Attic", false);
      String id;
      try (OnvifHub hub = new OnvifHub(dir, net.hostInterface(), FAST)) {
        id = EventSchedule.adopt(hub, cam);
        cam.awaitLog("PULLED 1", 10); // the hub has the subscription, not only the camera
      }
      // GIVEN the hub stopped (and unsubscribed) WHEN it starts again on the same data
      cam.awaitLog("UNSUBSCRIBE 1", 5);
      try (OnvifHub hub = new OnvifHub(dir, net.hostInterface(), FAST)) {
        MotionLog motion = new MotionLog(hub.hub.context().vertx());
        // THEN it subscribes to the adopted camera at start, and motion arrives
        cam.awaitLog("CREATE 2", 10);
        EventSchedule schedule =
            new EventSchedule().motion(System.currentTimeMillis() + 1500, true, "cell", "vs_Attic");
        cam.control(schedule.json());
        schedule.followedBy(motion, id);
      }
    }
  }

  /** Motion on and off in each topic, every 1.5 s from {@code t}. */
  static EventSchedule alternating(long t, String source) {
    String[] topics = {"cell", "alarm", "region"};
    EventSchedule s = new EventSchedule();
    for (int i = 0; i < 6; i++) {
      s.motion(t + i * 1500L, i % 2 == 0, topics[i / 2], source);
    }
    return s;
  }

  static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  private static long count(SimulatedCamera cam, String word) {
    try {
      return cam.count(word);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
