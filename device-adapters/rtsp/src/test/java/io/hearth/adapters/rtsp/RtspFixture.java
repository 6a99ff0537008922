package io.hearth.adapters.rtsp;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.testing.Await;
import io.vertx.core.Vertx;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one set-up of the RTSP adapter tests: a Vert.x for the test class (closed after it), sources
 * of cameras on it, and scripted cameras that stream. Register it in a test class as
 * {@code @RegisterExtension static final RtspFixture rtsp = new RtspFixture();}.
 */
final class RtspFixture implements BeforeAllCallback, AfterAllCallback {
  private Vertx vertx;

  @Override
  public void beforeAll(ExtensionContext context) {
    vertx = Vertx.vertx();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    Await.get(vertx.close());
  }

  Vertx vertx() {
    return vertx;
  }

  /** A source of camera {@code id} (named like its id) at {@code url}, without credentials. */
  RtspSource source(String id, String url, RtspSettings settings) {
    return new RtspSource(vertx, camera(id, url), settings);
  }

  /** Opens a source of camera {@code id} at {@code url} into {@code sink} and waits for it. */
  RtspSource open(String id, String url, RtspSettings settings, RecordingSink sink)
      throws Exception {
    RtspSource source = source(id, url, settings);
    Await.get(source.open(sink));
    return source;
  }

  /** Camera {@code id}, named like its id, at {@code url}, without credentials. */
  static Camera camera(String id, String url) {
    return new Camera(id, id, URI.create(url), null, null);
  }

  /** Settings with this transport and short timeouts (2 s connect and read, 3 s of silence). */
  static RtspSettings quick(RtspSettings.Transport transport) {
    return new RtspSettings(transport, 2000, 2000, 3000, 500);
  }

  /**
   * A scripted camera that answers up to PLAY, then streams {@code count} H.264 access units over
   * TCP (a keyframe every {@code gop}th, one every {@code intervalMillis}) while it answers every
   * further request 200 OK.
   */
  static ScriptedRtspCamera streaming(int count, int gop, long intervalMillis) throws Exception {
    return new ScriptedRtspCamera(
        c -> {
          c.serveUntilPlay(ScriptedRtspCamera.h264Sdp());
          Thread streamer = new Thread(() -> streamQuietly(c, count, gop, intervalMillis));
          streamer.setDaemon(true);
          streamer.start();
          c.answerAll();
        });
  }

  private static void streamQuietly(
      ScriptedRtspCamera.Conversation c, int count, int gop, long intervalMillis) {
    try {
      c.stream(count, gop, intervalMillis);
    } catch (Exception e) {
      // the client left
    }
  }
}
