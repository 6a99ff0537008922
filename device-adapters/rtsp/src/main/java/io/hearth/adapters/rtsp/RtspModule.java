package io.hearth.adapters.rtsp;

import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import java.util.List;

/**
 * The RTSP camera adapter: at start it registers an {@link RtspSourceFactory} for {@code rtsp://}
 * and {@code rtsps://} cameras, configured by the {@code rtsp} section ({@link RtspSettings}), and
 * unregisters it at stop.
 */
public final class RtspModule implements HubModule {
  private MediaSources registry;
  private RtspSourceFactory factory;

  @Override
  public String name() {
    return "rtsp";
  }

  @Override
  public String description() {
    return "RTSP cameras: H.264/H.265 over RTP (TCP interleaved or UDP), Basic and Digest auth";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return RtspSettings.keys();
  }

  @Override
  public Future<Void> start(ModuleContext context) {
    try {
      factory = new RtspSourceFactory(RtspSettings.from(context.config()));
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
    }
    return Future.succeededFuture();
  }
}
