package io.hearth.runtime.recording;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.FfmpegStill;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.store.CameraStore;
import io.hearth.runtime.stream.Switchboard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JPEG per camera event: the first keyframe after the event began ({@link KeyframeCatch}),
 * decoded by ffmpeg on a worker thread, sealed like a segment (a key of its own, wrapped by the
 * hub's recording key, the additional data binding camera and event) and written under {@code
 * <data>/thumbnails/<camera>/<event>.hrs}: no picture is ever on disk in the clear.
 */
final class Thumbnails {
  static final long WAIT_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(Thumbnails.class);

  private final Vertx vertx;
  private final CameraStore cameras;
  private final Switchboard switchboard;
  private final SegmentFiles files;
  private final SegmentWriter writer;
  private final RecordingKey key;

  Thumbnails(
      Vertx vertx,
      CameraStore cameras,
      Switchboard switchboard,
      Path dataDir,
      SegmentWriter writer,
      RecordingKey key) {
    this.vertx = vertx;
    this.cameras = cameras;
    this.switchboard = switchboard;
    this.files = new SegmentFiles(dataDir, "thumbnails");
    this.writer = writer;
    this.key = key;
  }

  /** Takes, seals and stores the event's picture; the future holds its wrapped key. */
  Future<byte[]> take(CameraEvent event) {
    return keyframe(event.cameraId())
        .compose(this::jpeg)
        .compose(jpeg -> store(event, jpeg))
        .onFailure(
            e ->
                LOG.info(
                    "no thumbnail for event {} of camera {}: {}",
                    event.id(),
                    event.cameraId(),
                    e.getMessage()));
  }

  private Future<MediaFrame> keyframe(String cameraId) {
    KeyframeCatch catcher = new KeyframeCatch(cameraId);
    return cameras
        .get(cameraId)
        .compose(camera -> switchboard.subscribe(camera, catcher))
        .compose(
            watching -> {
              long timer = vertx.setTimer(WAIT_MS, t -> catcher.fallback());
              return catcher
                  .caught()
                  .andThen(
                      done -> {
                        vertx.cancelTimer(timer);
                        watching.close();
                      });
            });
  }

  private Future<byte[]> jpeg(MediaFrame frame) {
    if (frame.codec() == Codec.JPEG) {
      return Future.succeededFuture(frame.payload());
    }
    return FfmpegStill.decode(vertx, frame).map(b -> b.getBytes());
  }

  private Future<byte[]> store(CameraEvent event, byte[] jpeg) {
    byte[] own = SegmentCipher.newKey();
    return writer
        .onThread(
            () -> {
              files.write(
                  event.cameraId(),
                  event.id(),
                  SegmentCipher.seal(own, event.cameraId(), event.id(), jpeg));
              return null;
            })
        .map(v -> key.wrap(event.id(), own));
  }

  /** The event's JPEG, opened with its wrapped key. */
  Future<byte[]> read(CameraEvent event, byte[] wrapped) {
    if (wrapped == null) {
      return Future.failedFuture(
          HubException.notFound("event " + event.id() + " has no thumbnail (yet)"));
    }
    return writer.onThread(
        () ->
            SegmentCipher.open(
                key.unwrap(event.id(), wrapped),
                event.cameraId(),
                event.id(),
                files.read(event.cameraId(), event.id())));
  }

  /** Deletes the thumbnails of events retention removed. */
  Future<Void> delete(java.util.List<CameraEvent> gone) {
    return writer.onThread(
        () -> {
          for (CameraEvent e : gone) {
            files.delete(e.cameraId(), e.id());
          }
          return null;
        });
  }
}
