package io.hearth.adapters.mjpeg;

import io.hearth.runtime.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one set-up of the MJPEG adapter's tests: a Vert.x per test, and scripted cameras on it that
 * are closed (before the Vert.x) after the test. Register it as {@code @RegisterExtension final
 * MjpegFixture mjpeg = new MjpegFixture();}.
 */
final class MjpegFixture implements BeforeEachCallback, AfterEachCallback {
  private final List<ScriptedHttpCamera> cameras = new CopyOnWriteArrayList<>();
  private Vertx vertx;

  @Override
  public void beforeEach(ExtensionContext context) {
    vertx = Vertx.vertx();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (ScriptedHttpCamera camera : cameras) {
      camera.close();
    }
    cameras.clear();
    Await.get(vertx.close());
  }

  Vertx vertx() {
    return vertx;
  }

  /** A camera on loopback that answers every request with {@code script}. */
  ScriptedHttpCamera camera(BiConsumer<String, NetSocket> script) throws Exception {
    ScriptedHttpCamera camera = ScriptedHttpCamera.start(vertx, script);
    cameras.add(camera);
    return camera;
  }
}
