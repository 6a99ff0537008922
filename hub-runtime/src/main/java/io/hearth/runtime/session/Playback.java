package io.hearth.runtime.session;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.Lease;
import io.hearth.runtime.security.Sealer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Plays a recording into a session's sink: the INIT chunk, then one MEDIA chunk per fragment at the
 * pace it was recorded, each sealed to the session like live video, each sent only while the
 * session's lease (its events grant, re-checked by the access watch) is valid. Ends with a sealed
 * "end" when the recording is over. The recording is read part by part (one stored segment each):
 * the next part is read ahead as one starts playing when the hub's playback budget has room now,
 * else asked for (in turn with the other playbacks) once this one is played; a part's memory is
 * given back as soon as it is played or the playback ends. Runs on the transport's context.
 */
final class Playback {
  static final long MIN_STEP_MS = 10;

  /**
   * A viewer that takes nothing this long (its socket's queue stays full) has its playback ended:
   * the parts it holds count against every viewer's playback budget.
   */
  static final long STALL_MS = 30_000;

  private final Vertx vertx;
  private final Sealer sealer;
  private final Lease lease;
  private final ChunkSink sink;
  private final Runnable detach;
  private final ArrayDeque<ByteBuffer> fragments = new ArrayDeque<>();
  private byte[] init; // sent first, at the first tick the lease holds; null once sent
  private PlaybackSource.Parts rest = PlaybackSource.NONE;
  private PlaybackSource.Part playing; // the part whose fragments are queued; released when sent
  private Future<PlaybackSource.Part> coming; // the next part, being read; null: not asked yet
  private long timer = -1;
  private long step = -1;
  private long stalledSince = -1;
  private final long stallMs;
  private boolean ended;

  Playback(
      Vertx vertx,
      StreamSession session,
      Lease lease,
      ChunkSink sink,
      Runnable detach,
      long stallMs) {
    this.stallMs = stallMs;
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
      // Refused: the recording being read for it goes straight back to the playback budget.
      source.onSuccess(refused -> refused.first().release());
      sink.close(SessionEnd.TOO_MANY_SESSIONS, e.getMessage());
      return () -> Future.succeededFuture();
    }
    playback[0] =
        new Playback(
            vertx,
            session,
            lease,
            sink,
            () -> sessions.detach(session),
            sessions.playbackStallMs());
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
      source.first().release(); // the viewer left while it was read
      return;
    }
    // The INIT waits for the lease like every chunk: the recording may be read before the access
    // watch's first check has granted it, and a MEDIA chunk must never go out without its INIT.
    init = SessionEncoder.init(source.mime(), source.width(), source.height(), source.init());
    rest = source.rest();
    load(source.first());
    tick();
  }

  /**
   * Queues a part's fragments, paces them as recorded, and reads the next ahead if there is room.
   */
  private void load(PlaybackSource.Part part) {
    playing = part;
    fragments.addAll(part.fragments());
    long wanted = Math.max(MIN_STEP_MS, part.durationMs() / Math.max(1, part.fragments().size()));
    if (wanted != step) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      step = wanted;
      timer = vertx.setPeriodic(step, id -> tick());
    }
    coming = rest.nextIfFree();
  }

  private synchronized void tick() {
    if (ended || !lease.valid()) {
      return; // access withdrawn ends the session through the lease
    }
    if (!sink.ready()) {
      // A full sink waits, but not for ever: what this playback holds, others wait for.
      long now = System.currentTimeMillis();
      stalledSince = stalledSince < 0 ? now : stalledSince;
      if (now - stalledSince >= stallMs) {
        end(SessionEnd.STALLED, "the viewer read nothing for " + stallMs / 1000 + " s");
      }
      return;
    }
    stalledSince = -1;
    if (init != null) {
      sink.write(new Chunk(Sealer.Kind.INIT, sealer.seal(Sealer.Kind.INIT, init), true));
      init = null;
      return;
    }
    if (fragments.isEmpty() && !nextPart()) {
      return;
    }
    ByteBuffer fragment = fragments.poll();
    sink.write(new Chunk(Sealer.Kind.MEDIA, sealer.seal(Sealer.Kind.MEDIA, fragment), true));
  }

  /**
   * With the queue empty: the part played gives its memory back, and the next one is loaded if it
   * was read meanwhile; true when there is a fragment to send now. A part not yet asked for is
   * asked for now; one still being read (or waiting for room) is waited for (the next tick looks
   * again); one that could not be read (deleted by retention since, say) ends the playback.
   */
  private boolean nextPart() {
    if (playing != null) {
      playing.release();
      playing = null;
    }
    if (coming == null) {
      coming = rest.next();
    }
    if (!coming.isComplete()) {
      return false;
    }
    if (coming.failed()) {
      end(
          SessionEnd.CAMERA_UNAVAILABLE,
          "the recording cannot be read: " + coming.cause().getMessage());
      return false;
    }
    PlaybackSource.Part part = coming.result();
    coming = null;
    if (part == null) {
      end(SessionEnd.FINISHED, "the recording is over");
      return false;
    }
    load(part);
    return !fragments.isEmpty() || nextPart();
  }

  private static void release(PlaybackSource.Part part) {
    if (part != null) {
      part.release();
    }
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
    // Memory back to the budget: the part playing, and the next one whenever it is read.
    fragments.clear();
    if (playing != null) {
      playing.release();
      playing = null;
    }
    if (coming != null) {
      coming.onSuccess(part -> release(part));
      coming = null;
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
