package io.hearth.runtime.recording;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Recording on events only: a camera's finished segments are held in memory, not stored, until an
 * event makes them part of a clip. A segment is stored when it overlaps [start - pre-roll, end +
 * post-roll] of the camera's latest event (or the event is still open); a held one is dropped once
 * it ended before the pre-roll of an event starting now. As segments start at keyframes, the
 * pre-roll reaches back at least to the keyframe before it, as the switchboard's cached group of
 * pictures does for a late joiner. Called on the switchboard's context.
 */
final class EventGate {
  private final CameraEvents events;
  private final long preMs;
  private final long postMs;
  private final Consumer<CameraRecorder.Finished> store;
  private final Map<String, Deque<CameraRecorder.Finished>> held = new ConcurrentHashMap<>();

  EventGate(CameraEvents events, long preMs, long postMs, Consumer<CameraRecorder.Finished> store) {
    this.events = events;
    this.preMs = preMs;
    this.postMs = postMs;
    this.store = store;
  }

  synchronized void offer(CameraRecorder.Finished done) {
    long now = System.currentTimeMillis();
    Deque<CameraRecorder.Finished> waiting =
        held.computeIfAbsent(done.cameraId(), c -> new ArrayDeque<>());
    waiting.add(done);
    for (Iterator<CameraRecorder.Finished> it = waiting.iterator(); it.hasNext(); ) {
      CameraRecorder.Finished s = it.next();
      if (inClip(s, now)) {
        store.accept(s);
        it.remove();
      } else if (s.endedAt() < now - preMs) {
        it.remove();
      }
    }
  }

  private boolean inClip(CameraRecorder.Finished s, long now) {
    String camera = s.cameraId();
    long start = events.lastStart(camera);
    if (start == 0 || s.endedAt() < start - preMs) {
      return false;
    }
    return events.activeWithin(camera, postMs, now)
        || s.startedAt() <= events.lastEnd(camera) + postMs;
  }

  /** Forgets what a camera no longer recorded on events held. */
  synchronized void drop(String cameraId) {
    held.remove(cameraId);
  }
}
