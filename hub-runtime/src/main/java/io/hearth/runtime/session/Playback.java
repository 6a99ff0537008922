package io.hearth.runtime.session;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.Lease;
import io.hearth.runtime.security.Sealer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Plays a recorded segment into a session's sink: the INIT chunk, then one MEDIA chunk per fragment
 * at the pace it was recorded, each sealed to the session like live video, each sent only while the
 * session's lease (its events grant, re-checked by the access watch) is valid. Ends with a sealed
 * "end" when the segment is over. Runs on the transport's context.
 */
final class Playback {
  static final long MIN_STEP_MS = 10;

  private final Vertx vertx;
  private final Sealer sealer;
  private final Lease lease;
  private final ChunkSink sink;
  private final Runnable detach;
  private List<byte[]> fragments = List.of();
  private byte[] init; // sent first, at the first tick the lease holds; null once sent
  private int next;
  private long timer = -1;
  private boolean ended;

  Playback(Vertx vertx, StreamSession session, Lease lease, ChunkSink sink, Runnable detach) {
    this.vertx = vertx;
    this.sealer = new Sealer(session.key(), session.id(), session.cameraId());
    this.lease = lease;
    this.sink = sink;
    this.detach = detach;
  }

  /** What {@link StreamSessions#play} does: attach the session, then play it into the sink. */
  static Watching watch(
      StreamSessions sessions,
      StreamSession session,
      Future<PlaybackSource> source,
      ChunkSink sink) {
    Vertx vertx = Vertx.currentContext().owner();
    Playback[] playback = new Playback[1];
    Lease lease;
    try {
      lease =
          sessions.attach(session, reason -> playback[0].end(SessionEnd.ACCESS_WITHDRAWN, reason));
    } catch (HubException e) {
      sink.close(SessionEnd.TOO_MANY_SESSIONS, e.getMessage());
      return () -> Future.succeededFuture();
    }
    playback[0] = new Playback(vertx, session, lease, sink, () -> sessions.detach(session));
    playback[0].start(source);
    return () -> {
      playback[0].end(SessionEnd.FINISHED, "the viewer left");
      return Future.succeededFuture();
    };
  }

  void start(Future<PlaybackSource> source) {
    source.onSuccess(this::play).onFailure(e -> end(SessionEnd.CAMERA_UNAVAILABLE, e.getMessage()));
  }

  private synchronized void play(PlaybackSource source) {
    if (ended) {
      return;
    }
    Fmp4Boxes.Split split;
    try {
      split = Fmp4Boxes.split(source.mp4());
    } catch (RuntimeException e) {
      end(SessionEnd.CAMERA_UNAVAILABLE, "the recording cannot be read: " + e.getMessage());
      return;
    }
    fragments = split.fragments();
    // The INIT waits for the lease like every chunk: the recording may be read before the access
    // watch's first check has granted it, and a MEDIA chunk must never go out without its INIT.
    init = SessionEncoder.init(source.mime(), source.width(), source.height(), split.init());
    tick();
    long step = Math.max(MIN_STEP_MS, source.durationMs() / Math.max(1, fragments.size()));
    timer = vertx.setPeriodic(step, id -> tick());
  }

  private synchronized void tick() {
    if (ended || !lease.valid() || !sink.ready()) {
      return; // access withdrawn ends the session through the lease; a full sink waits
    }
    if (init != null) {
      sink.write(new Chunk(Sealer.Kind.INIT, sealer.seal(Sealer.Kind.INIT, init), true));
      init = null;
      return;
    }
    if (next >= fragments.size()) {
      end(SessionEnd.FINISHED, "the recording is over");
      return;
    }
    byte[] fragment = fragments.get(next++);
    sink.write(new Chunk(Sealer.Kind.MEDIA, sealer.seal(Sealer.Kind.MEDIA, fragment), true));
  }

  /** Ends the playback once: a sealed "end", then the sink closed. */
  synchronized void end(SessionEnd end, String reason) {
    if (ended) {
      return;
    }
    ended = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    byte[] message =
        new JsonObject()
            .put("type", "end")
            .put("reason", reason)
            .encode()
            .getBytes(StandardCharsets.UTF_8);
    sink.write(new Chunk(Sealer.Kind.CONTROL, sealer.seal(Sealer.Kind.CONTROL, message), true));
    detach.run();
    sink.close(end, reason);
  }
}
