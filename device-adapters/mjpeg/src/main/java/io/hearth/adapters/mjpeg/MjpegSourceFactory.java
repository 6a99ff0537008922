package io.hearth.adapters.mjpeg;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.util.Locale;

/** Serves cameras whose video URL is http:// or https://: MJPEG streams and JPEG snapshots. */
public final class MjpegSourceFactory implements MediaSourceFactory {
  private final MjpegSettings settings;
  private final SnapshotFetcher snapshots;

  public MjpegSourceFactory(MjpegSettings settings) {
    this.settings = settings;
    this.snapshots = new SnapshotFetcher(settings);
  }

  @Override
  public String protocol() {
    return "mjpeg";
  }

  @Override
  public boolean handles(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null;
  }

  @Override
  public MediaSource create(Vertx vertx, Camera camera) {
    return new MjpegSource(vertx, camera, settings);
  }

  /** A JPEG from the camera's snapshot URL, at most {@code mjpeg.max-frame-bytes}. */
  @Override
  public Future<Buffer> snapshot(Vertx vertx, Camera camera) {
    return snapshots.fetch(vertx, camera);
  }
}
