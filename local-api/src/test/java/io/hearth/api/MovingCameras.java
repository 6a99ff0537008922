package io.hearth.api;

import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.testing.H264TestClip;
import io.vertx.core.Future;

/**
 * Test cameras ({@code h264motion://<name>}) that loop a clip whose picture moves 2 s in every 4 s,
 * so the hub's motion detector makes camera events on a schedule.
 */
public final class MovingCameras implements HubModule {
  private final H264TestClip clip;

  public MovingCameras(H264TestClip clip) {
    this.clip = clip;
  }

  @Override
  public String name() {
    return "movingcams";
  }

  @Override
  public String description() {
    return "test cameras whose picture moves on a schedule";
  }

  @Override
  public Future<Void> start(ModuleContext context) {
    context.mediaSources().register(clip.cameras("h264motion"));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    return Future.succeededFuture();
  }
}
