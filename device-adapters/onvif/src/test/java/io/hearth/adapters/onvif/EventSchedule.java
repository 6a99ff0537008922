package io.hearth.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.testing.Await;
import java.util.ArrayList;
import java.util.List;

/** Motion schedules for simulated cameras, and checks that a camera's state followed one. */
final class EventSchedule {
  private final List<String> entries = new ArrayList<>();
  private final List<Long> at = new ArrayList<>();
  private final List<Boolean> moving = new ArrayList<>();

  /** Motion {@code moving} at {@code at} (epoch ms), in {@code topic}, naming {@code source}. */
  EventSchedule motion(long at, boolean moving, String topic, String source) {
    entries.add(
        "{\"at\":%d,\"motion\":%s,\"topic\":\"%s\",\"source\":\"%s\"}"
            .formatted(at, moving, topic, source));
    this.at.add(at);
    this.moving.add(moving);
    return this;
  }

  /** Something else than messages at {@code at}: {@code garbage} or {@code oversized}. */
  EventSchedule odd(long at, String kind) {
    entries.add("{\"at\":%d,\"kind\":\"%s\"}".formatted(at, kind));
    return this;
  }

  /** The knob setting the camera's schedule to this one. */
  String json() {
    return "{\"schedule\":[" + String.join(",", entries) + "]}";
  }

  /** Waits for the camera's MOTION reports and checks them: values in order, each within 1 s. */
  long followedBy(MotionLog log, String cameraId) {
    long last = at.get(at.size() - 1);
    try {
      OnvifHub.eventually(
          () -> log.of(cameraId).size() >= at.size(),
          last - System.currentTimeMillis() + 5_000,
          at.size() + " motion reports of " + cameraId);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; every report: " + log.all(), e);
    }
    List<MotionLog.Motion> seen = log.of(cameraId);
    assertEquals(at.size(), seen.size(), "reports of " + cameraId + ": " + seen);
    long worst = 0;
    for (int i = 0; i < at.size(); i++) {
      assertEquals(moving.get(i), seen.get(i).moving(), "report " + i + " of " + seen);
      long late = seen.get(i).at() - at.get(i);
      assertTrue(late >= -50 && late <= 1000, "report " + i + " came " + late + " ms late");
      worst = Math.max(worst, late);
    }
    System.out.println("motion reports of " + cameraId + ": at most " + worst + " ms late");
    return worst;
  }

  /** Adopts the camera with the right credentials; its camera id. */
  static String adopt(OnvifHub hub, SimulatedCamera cam) throws Exception {
    Discovered entry = hub.awaitEntry(cam.uuid, 5000, d -> true);
    return Await.get(
            hub.inbox().adopt(OnvifHub.OWNER, entry.id(), null, SimulatedCamera.CREDENTIALS))
        .adoptedId();
  }
}
