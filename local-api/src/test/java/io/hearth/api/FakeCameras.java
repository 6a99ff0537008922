package io.hearth.api;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.testing.PeriodicSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A camera adapter for API tests: {@code test://} cameras that send small JPEG-framed payloads at
 * 25 fps naming their camera. The real adapters (RTSP, MJPEG) are tested with real cameras
 * elsewhere; this one exercises sessions, grants and sealing without a video peer.
 */
final class FakeCameras implements HubModule, MediaSourceFactory {
  @Override
  public String name() {
    return "testcams";
  }

  @Override
  public String description() {
    return "test cameras";
  }

  @Override
  public Future<Void> start(ModuleContext context) {
    context.mediaSources().register(this);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    return Future.succeededFuture();
  }

  /** Upstream connections open now, by camera id. */
  static final java.util.Map<String, Integer> OPEN = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public String protocol() {
    return "mjpeg";
  }

  @Override
  public boolean handles(URI url) {
    return "test".equals(url.getScheme());
  }

  /** A test:// camera is made in the hub's JVM: nothing to check with the egress ledger. */
  @Override
  public boolean connectsToHost() {
    return false;
  }

  @Override
  public MediaSource create(Vertx vertx, Camera camera) {
    return new PeriodicSource(
        vertx,
        40,
        n -> frame(camera.id(), n),
        () -> OPEN.merge(camera.id(), 1, Integer::sum),
        () -> OPEN.merge(camera.id(), -1, Integer::sum));
  }

  /**
   * A JPEG still from a snapshot URL such as {@code test://cam/snap?delay=1500}: the picture comes
   * after that many milliseconds, so a test can change access while a snapshot is in flight.
   */
  @Override
  public Future<io.vertx.core.buffer.Buffer> snapshot(Vertx vertx, Camera camera) {
    String query = camera.snapshotUrl() == null ? null : camera.snapshotUrl().getQuery();
    long delay =
        query != null && query.startsWith("delay=") ? Long.parseLong(query.substring(6)) : 0;
    io.vertx.core.Promise<io.vertx.core.buffer.Buffer> still = io.vertx.core.Promise.promise();
    vertx.setTimer(
        Math.max(1, delay),
        id -> still.complete(io.vertx.core.buffer.Buffer.buffer(frame(camera.id(), 0).payload())));
    return still.future();
  }

  /** A fake JPEG: SOI, the camera id and a counter, EOI. */
  static MediaFrame frame(String cameraId, long n) {
    byte[] text = (cameraId + "#" + n).getBytes(StandardCharsets.US_ASCII);
    byte[] jpeg = new byte[text.length + 4];
    jpeg[0] = (byte) 0xFF;
    jpeg[1] = (byte) 0xD8;
    System.arraycopy(text, 0, jpeg, 2, text.length);
    jpeg[jpeg.length - 2] = (byte) 0xFF;
    jpeg[jpeg.length - 1] = (byte) 0xD9;
    return new MediaFrame(cameraId, Codec.JPEG, n * 3600, true, jpeg);
  }
}
