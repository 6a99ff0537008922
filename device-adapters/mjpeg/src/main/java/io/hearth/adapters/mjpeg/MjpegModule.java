package io.hearth.adapters.mjpeg;

import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import java.util.List;

/**
 * The MJPEG camera adapter: registers a {@link MjpegSourceFactory} for http:// and https:// camera
 * URLs while the hub runs.
 */
public final class MjpegModule implements HubModule {
  private MediaSources registry;
  private MjpegSourceFactory factory;

  @Override
  public String name() {
    return "mjpeg";
  }

  @Override
  public String description() {
    return "MJPEG-over-HTTP cameras (multipart/x-mixed-replace) and JPEG snapshots";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return MjpegSettings.keys();
  }

  @Override
  public Future<Void> start(ModuleContext context) {
    try {
      factory = new MjpegSourceFactory(MjpegSettings.from(context));
      registry = context.mediaSources();
      registry.register(factory);
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> stop() {
    if (registry != null) {
      registry.unregister(factory);
      registry = null;
      factory = null;
    }
    return Future.succeededFuture();
  }
}
