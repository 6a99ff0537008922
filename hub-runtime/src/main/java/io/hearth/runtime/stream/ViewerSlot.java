package io.hearth.runtime.stream;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.media.MediaFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One viewer's place in a {@link CameraFeed}: the fan-out edge. It drops any frame whose camera is
 * not the viewer's (promise 2, counted and logged as a security event), and when the viewer is not
 * ready it skips frames up to the next keyframe, so that a slow viewer never slows the camera or
 * the other viewers and never gets a frame its decoder cannot use. Used on one context only.
 */
final class ViewerSlot {
  private static final Logger LOG = LoggerFactory.getLogger(ViewerSlot.class);

  private final Viewer viewer;
  private final Misroutes misroutes;
  private boolean awaitingKeyframe;
  private long delivered;
  private long skipped;
  private long dropped;

  ViewerSlot(Viewer viewer, Misroutes misroutes) {
    this.viewer = viewer;
    this.misroutes = misroutes;
  }

  Viewer viewer() {
    return viewer;
  }

  /** Hands over a frame if its camera is the viewer's and the viewer can decode it now. */
  Outcome offer(MediaFrame frame) {
    if (!frame.cameraId().equals(viewer.cameraId())) {
      return misrouted(frame);
    }
    if (awaitingKeyframe && !frame.keyframe()) {
      skipped++;
      return Outcome.SKIPPED;
    }
    if (!viewer.ready()) {
      awaitingKeyframe = true;
      skipped++;
      return Outcome.SKIPPED;
    }
    awaitingKeyframe = false;
    delivered++;
    try {
      viewer.deliver(frame);
    } catch (RuntimeException e) {
      LOG.warn("a viewer of camera {} failed to take a frame: {}", viewer.cameraId(), e.toString());
    }
    return Outcome.DELIVERED;
  }

  /** The upstream changed: the next frame this viewer can use is the next keyframe. */
  void awaitKeyframe() {
    awaitingKeyframe = true;
  }

  void status(CameraStatus status) {
    try {
      viewer.status(status);
    } catch (RuntimeException e) {
      LOG.warn(
          "a viewer of camera {} failed to take a status: {}", viewer.cameraId(), e.toString());
    }
  }

  long delivered() {
    return delivered;
  }

  long skipped() {
    return skipped;
  }

  long misroutedDropped() {
    return dropped;
  }

  private Outcome misrouted(MediaFrame frame) {
    dropped++;
    misroutes.record("viewer edge", frame.cameraId(), viewer.cameraId());
    return Outcome.MISROUTED;
  }

  /** What became of one offered frame. */
  enum Outcome {
    DELIVERED,
    SKIPPED,
    MISROUTED
  }
}
