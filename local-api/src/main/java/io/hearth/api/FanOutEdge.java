package io.hearth.api;

import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.session.StreamSession;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second layer of promise 2, at the last step before bytes go to a viewer: a frame whose camera
 * is not the session's camera is dropped, counted, and logged as a security event.
 */
final class FanOutEdge {
  private static final Logger SECURITY = LoggerFactory.getLogger("io.hearth.security");
  private static final AtomicLong DROPPED = new AtomicLong();

  private FanOutEdge() {}

  static boolean admits(StreamSession session, MediaFrame frame) {
    if (frame.cameraId().equals(session.cameraId())) {
      return true;
    }
    DROPPED.incrementAndGet();
    SECURITY.warn(
        "SECURITY dropped a frame of camera {} at session {} of camera {}",
        frame.cameraId(),
        session.id(),
        session.cameraId());
    return false;
  }

  /** Frames dropped at the edge since the process started. */
  static long dropped() {
    return DROPPED.get();
  }
}
