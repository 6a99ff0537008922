package io.hearth.runtime.stream;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A switchboard with a scripted camera adapter, short timings and a fresh Vert.x per test. */
@ExtendWith(VertxExtension.class)
@Timeout(20)
abstract class SwitchboardFixture {
  static final Camera FRONT = ScriptedSources.camera("front");
  static final Camera BACK = ScriptedSources.camera("back");

  final ScriptedSources scripted = new ScriptedSources();
  SwitchboardOptions options;
  Switchboard switchboard;
  Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    options =
        new SwitchboardOptions()
            .setLinger(Duration.ofMillis(200))
            .setBackoffInitial(Duration.ofMillis(40))
            .setBackoffMax(Duration.ofMillis(160));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (switchboard != null) {
      Await.get(switchboard.close());
    }
  }

  Switchboard start() {
    MediaSources sources = new MediaSources();
    sources.register(scripted);
    switchboard = new Switchboard(vertx, sources, options);
    return switchboard;
  }

  Subscription watch(Camera camera, Viewer viewer) throws Exception {
    return Await.get(switchboard.subscribe(camera, viewer));
  }

  static HubException failure(Future<?> future) {
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> Await.get(future));
    return assertInstanceOf(HubException.class, e.getCause());
  }
}
