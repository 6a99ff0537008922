package io.hearth.runtime.recording;

import io.hearth.runtime.domain.Ids;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals finished segments and stores them on one thread of its own: a fresh key per segment, the
 * file synced and renamed into place, then its row in the index with the key wrapped by the hub's
 * recording key. A cut between file and row leaves a file without a row, which the next start
 * deletes; the index never names a file that is not whole. At most {@link #MAX_PENDING} segments
 * wait; a recorder finding it full skips frames until the next keyframe rather than queueing.
 */
final class SegmentWriter {
  static final int MAX_PENDING = 4;
  private static final Logger LOG = LoggerFactory.getLogger(SegmentWriter.class);

  private final Vertx vertx;
  private final SegmentFiles files;
  private final SegmentIndex index;
  private final RecordingKey key;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "hearth-recording-writer"));
  private final AtomicInteger pending = new AtomicInteger();

  SegmentWriter(Vertx vertx, SegmentFiles files, SegmentIndex index, RecordingKey key) {
    this.vertx = vertx;
    this.files = files;
    this.index = index;
    this.key = key;
  }

  boolean ready() {
    return pending.get() < MAX_PENDING;
  }

  /** Stores a finished segment; the future completes once its row is in the index. */
  Future<Segment> store(CameraRecorder.Finished done) {
    pending.incrementAndGet();
    Context context = vertx.getOrCreateContext();
    Promise<Segment> written = Promise.promise();
    String id = Ids.newId("seg");
    byte[] segmentKey = SegmentCipher.newKey();
    thread.execute(
        () -> {
          try {
            files.write(
                done.cameraId(),
                id,
                SegmentCipher.seal(segmentKey, done.cameraId(), id, done.parts(), done.bytes()));
            context.runOnContext(v -> written.complete(segment(id, done)));
          } catch (IOException | RuntimeException e) {
            context.runOnContext(v -> written.fail(e));
          }
        });
    return written
        .future()
        .compose(s -> index.add(s, key.wrap(id, segmentKey)).map(s))
        .onComplete(
            r -> {
              pending.decrementAndGet();
              if (r.failed()) {
                LOG.warn(
                    "a recorded segment of camera {} was lost: {}",
                    done.cameraId(),
                    r.cause().getMessage());
              }
            });
  }

  private static Segment segment(String id, CameraRecorder.Finished done) {
    return new Segment(
        id,
        done.cameraId(),
        done.startedAt(),
        done.endedAt(),
        done.bytes(),
        done.codec(),
        done.mime(),
        done.width(),
        done.height());
  }

  /** Runs blocking file work on the writer's thread, in order with the segments being stored. */
  <T> Future<T> onThread(java.util.concurrent.Callable<T> work) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    thread.execute(
        () -> {
          try {
            T result = work.call();
            context.runOnContext(v -> promise.complete(result));
          } catch (Exception e) {
            context.runOnContext(v -> promise.fail(e));
          }
        });
    return promise.future();
  }

  /** Finishes what is queued (a few seconds at most) and stops the thread. Blocking. */
  void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
