package io.hearth.runtime.session;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.security.Lease;
import io.hearth.runtime.stream.Viewer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A viewer that passes frames on only while its session's {@link Lease} is valid: after any change
 * to the store or an expiry reached, frames wait (a bounded hold) until a fresh check passes, and
 * are dropped if access ended. So no frame goes out on the strength of a check made before a
 * revocation. A hold that overflows is dropped whole and delivery starts again at a keyframe, so a
 * decoder never gets a picture without its references.
 */
final class LeaseGate implements Viewer {
  static final int MAX_HELD_FRAMES = 150;
  static final long MAX_HELD_BYTES = 8L << 20;

  private final Lease lease;
  private final Viewer inner;
  private final Deque<MediaFrame> held = new ArrayDeque<>();
  private long heldBytes;
  private boolean waiting;
  private boolean resync;

  public LeaseGate(Lease lease, Viewer inner) {
    this.lease = lease;
    this.inner = inner;
  }

  @Override
  public String cameraId() {
    return inner.cameraId();
  }

  @Override
  public boolean ready() {
    return !lease.ended() && inner.ready();
  }

  @Override
  public synchronized void deliver(MediaFrame frame) {
    if (held.isEmpty() && !resync && lease.valid()) {
      inner.deliver(frame);
    } else {
      hold(frame);
    }
  }

  @Override
  public void status(CameraStatus status) {
    inner.status(status);
  }

  private void hold(MediaFrame frame) {
    if (lease.ended()) {
      drop();
      return;
    }
    if (resync && !frame.keyframe()) {
      return;
    }
    resync = false;
    held.add(frame);
    heldBytes += frame.payloadLength();
    if (held.size() > MAX_HELD_FRAMES || heldBytes > MAX_HELD_BYTES) {
      drop();
      resync = true;
    }
    awaitCheck();
  }

  private void awaitCheck() {
    if (waiting || held.isEmpty()) {
      return;
    }
    waiting = true;
    lease.whenValid().onComplete(done -> release(done.succeeded()));
  }

  private synchronized void release(boolean stillAllowed) {
    waiting = false;
    if (!stillAllowed) {
      drop();
      return;
    }
    while (!held.isEmpty()) {
      if (!lease.valid()) {
        awaitCheck();
        return;
      }
      MediaFrame next = held.poll();
      heldBytes -= next.payloadLength();
      inner.deliver(next);
    }
  }

  private void drop() {
    held.clear();
    heldBytes = 0;
  }
}
