package io.hearth.runtime.recording;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.stream.Viewer;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * A short-lived viewer that takes the first keyframe the camera sends after it joined: the picture
 * of an event that has just begun. The keyframe a late joiner is given at once (the switchboard's
 * cached one, from before the event) is kept only as a fallback, for a camera whose next keyframe
 * does not come in time ({@link #fallback}).
 */
final class KeyframeCatch implements Viewer {
  static final long CACHED_WINDOW_MS = 100;

  private final String cameraId;
  private final long joinedAt = System.currentTimeMillis();
  private final Promise<MediaFrame> caught = Promise.promise();
  private MediaFrame cached;

  KeyframeCatch(String cameraId) {
    this.cameraId = cameraId;
  }

  Future<MediaFrame> caught() {
    return caught.future();
  }

  /** Gives up waiting: the cached keyframe if there was one. */
  synchronized void fallback() {
    if (cached != null) {
      caught.tryComplete(cached);
    } else {
      caught.tryFail("no keyframe of camera " + cameraId + " came in time");
    }
  }

  @Override
  public String cameraId() {
    return cameraId;
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public synchronized void deliver(MediaFrame frame) {
    if (!frame.keyframe() || !frame.cameraId().equals(cameraId) || caught.future().isComplete()) {
      return;
    }
    if (cached == null && System.currentTimeMillis() - joinedAt < CACHED_WINDOW_MS) {
      cached = frame; // the late joiner's keyframe, from before the event
      return;
    }
    caught.tryComplete(frame);
  }

  @Override
  public void status(CameraStatus status) {}
}
