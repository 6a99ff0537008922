package io.hearth.adapters.onvif;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.store.CameraStore;
import io.vertx.core.Future;
import java.util.Objects;

/**
 * Where one subscription's motion goes: the MOTION state of the camera the subscription was made
 * for, and only while that camera is still the same (same id, same pinned address and credentials):
 * each change is checked against the camera store before it is reported, so a subscription left
 * over from an address the camera has left never speaks for it. Repeated values are reported once.
 */
final class MotionReport {
  private final CameraEvents.Key key;
  private final CameraStore cameras;
  private final Devices devices;
  private Boolean last;
  private boolean open = true;
  private Future<Void> tail = Future.succeededFuture();

  MotionReport(CameraEvents.Key key, CameraStore cameras, Devices devices) {
    this.key = key;
    this.cameras = cameras;
    this.devices = devices;
  }

  /** Reports {@code moving}, received now, if it changes the state and the camera is unchanged. */
  synchronized void motion(boolean moving) {
    long at = System.currentTimeMillis();
    if (!open || Objects.equals(last, moving)) {
      return;
    }
    last = moving;
    // Chained, so that the checks (database reads) cannot reorder true and false.
    tail =
        tail.compose(
            v ->
                stillSame()
                    .map(
                        same -> {
                          if (same && isOpen()) {
                            devices.report(key.cameraId(), Capability.MOTION, moving, at);
                          }
                          return null;
                        }));
  }

  private Future<Boolean> stillSame() {
    return cameras
        .get(key.cameraId())
        .map(
            c ->
                CameraEvents.Key.hostOf(c).equals(key.host())
                    && Objects.equals(c.credentials(), key.credentials()))
        .otherwise(false);
  }

  synchronized boolean isOpen() {
    return open;
  }

  /** No more reports from this subscription. */
  synchronized void close() {
    open = false;
  }
}
