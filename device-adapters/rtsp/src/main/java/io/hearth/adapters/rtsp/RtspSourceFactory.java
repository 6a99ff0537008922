package io.hearth.adapters.rtsp;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.Locale;

/** Makes {@link RtspSource}s for {@code rtsp://} and {@code rtsps://} cameras. */
public final class RtspSourceFactory implements MediaSourceFactory {
  private final RtspSettings settings;

  public RtspSourceFactory(RtspSettings settings) {
    this.settings = settings;
  }

  @Override
  public String protocol() {
    return "rtsp";
  }

  @Override
  public boolean handles(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("rtsp") || scheme.equals("rtsps")) && url.getHost() != null;
  }

  @Override
  public MediaSource create(Vertx vertx, Camera camera) {
    if (!handles(camera.url())) {
      throw new IllegalArgumentException("not an rtsp:// or rtsps:// camera: " + camera);
    }
    return new RtspSource(vertx, camera, settings);
  }
}
