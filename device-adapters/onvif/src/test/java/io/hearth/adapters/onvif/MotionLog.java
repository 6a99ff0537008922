package io.hearth.adapters.onvif;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.device.EventStore;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/** Every MOTION state a hub reports, as it goes out on the hub's event bus. */
final class MotionLog {
  /** One report: whose, what, when. */
  record Motion(String cameraId, boolean moving, long at) {}

  private final List<Motion> seen = new ArrayList<>();

  MotionLog(Vertx vertx) {
    vertx
        .eventBus()
        .<DeviceEvent>localConsumer(EventStore.ADDRESS)
        .handler(
            m -> {
              DeviceEvent e = m.body();
              if (e.capability() == Capability.MOTION && e.kind().equals(DeviceEvent.STATE)) {
                add(new Motion(e.deviceId(), Boolean.TRUE.equals(e.value()), e.at()));
              }
            });
  }

  private synchronized void add(Motion motion) {
    seen.add(motion);
  }

  /** What {@code cameraId} reported, oldest first. */
  synchronized List<Motion> of(String cameraId) {
    return seen.stream().filter(m -> m.cameraId().equals(cameraId)).toList();
  }

  synchronized List<Motion> all() {
    return new ArrayList<>(seen);
  }
}
