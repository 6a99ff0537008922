package io.hearth.adapters.mjpeg.sim;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import java.util.List;

/**
 * The simulated camera of {@code hearth demo}: an MJPEG camera generated in Java on loopback, added
 * to the home so a newcomer sees live video at once. Off unless the demo turns it on.
 */
public final class DemoCameras implements HubModule {
  static final String NAME = "Demo camera (MJPEG)";

  private SimulatedMjpegCamera camera;

  @Override
  public String name() {
    return "demo-cameras";
  }

  @Override
  public String description() {
    return "a simulated MJPEG camera for hearth demo";
  }

  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public int startOrder() {
    return 150;
  }

  @Override
  public List<String> demoSettings() {
    return List.of("demo-cameras.enabled=true");
  }

  @Override
  public Future<Void> start(ModuleContext context) {
    camera = new SimulatedMjpegCamera(context.vertx(), SimulatedCameraOptions.defaults());
    return camera
        .start()
        .compose(
            started ->
                context
                    .cameras()
                    .list()
                    .compose(
                        existing -> {
                          if (existing.stream().anyMatch(c -> c.name().equals(NAME))) {
                            return Future.succeededFuture();
                          }
                          Camera draft =
                              new Camera(
                                  "new", NAME, started.videoUrl(), started.snapshotUrl(), null);
                          return context.cameras().create(Principal.HUB, "mjpeg", draft).mapEmpty();
                        }));
  }

  @Override
  public Future<Void> stop() {
    return camera == null ? Future.succeededFuture() : camera.close();
  }
}
