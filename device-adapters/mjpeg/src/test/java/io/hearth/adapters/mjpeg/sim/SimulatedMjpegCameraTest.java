package io.hearth.adapters.mjpeg.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.mjpeg.MjpegSettings;
import io.hearth.adapters.mjpeg.MjpegSourceFactory;
import io.hearth.adapters.mjpeg.codec.Jpeg;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.camera.MediaSink;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulated camera, watched through the real MJPEG source and snapshot code. */
@Timeout(30)
class SimulatedMjpegCameraTest {
  private final MjpegSourceFactory factory = new MjpegSourceFactory(MjpegSettings.defaults());
  private Vertx vertx;
  private SimulatedMjpegCamera sim;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (sim != null) {
      Await.get(sim.close());
    }
    Await.get(vertx.close());
  }

  @Test
  void streamsDecodableJpegsOfTheConfiguredSizeOnAVertxThread() throws Exception {
    start(SimulatedCameraOptions.defaults());
    Sink sink = new Sink(5);
    MediaSource source = factory.create(vertx, camera(sim.videoUrl(), null));
    Await.get(source.open(sink));
    List<MediaFrame> frames = sink.await();
    Await.get(source.close());

    assertEquals(List.of(CameraStatus.CONNECTING, CameraStatus.ONLINE), sink.statuses);
    long previous = -1;
    for (MediaFrame frame : frames) {
      BufferedImage image = decode(frame.payload());
      assertEquals(640, image.getWidth());
      assertEquals(360, image.getHeight());
      assertTrue(Jpeg.endsWithEoi(frame.payload()));
      assertTrue(frame.keyframe());
      assertEquals("sim-1", frame.cameraId());
      assertTrue(frame.timestamp90k() > previous, "timestamps rise");
      previous = frame.timestamp90k();
    }
    assertTrue(
        sink.threads.stream().allMatch(t -> t.startsWith("vert.x-eventloop")),
        sink.threads.toString());
  }

  @Test
  void twoClientsShareTheSameEncodedFrames() throws Exception {
    start(SimulatedCameraOptions.defaults().withSize(320, 180));
    Sink first = new Sink(10);
    Sink second = new Sink(10);
    MediaSource a = factory.create(vertx, camera(sim.videoUrl(), null));
    MediaSource b = factory.create(vertx, camera(sim.videoUrl(), null));
    Await.get(a.open(first));
    Await.get(b.open(second));
    List<MediaFrame> fromA = first.await();
    List<MediaFrame> fromB = second.await();
    Await.get(a.close());
    Await.get(b.close());

    Set<String> seenByA = new HashSet<>();
    fromA.forEach(f -> seenByA.add(Buffer.buffer(f.payload()).toString("ISO-8859-1")));
    long shared =
        fromB.stream()
            .filter(f -> seenByA.contains(Buffer.buffer(f.payload()).toString("ISO-8859-1")))
            .count();
    assertTrue(shared >= 5, "frames byte-identical for both clients: " + shared);
    assertTrue(
        sim.framesEncoded() < fromA.size() + fromB.size(),
        "one encoding per tick for all clients: " + sim.framesEncoded());
  }

  @Test
  void encodesNothingWhileNobodyWatches() throws Exception {
    start(SimulatedCameraOptions.defaults().withFps(20));
    Eventually.throughout(
        Duration.ofMillis(400), "nothing encoded", () -> sim.framesEncoded() == 0);
    assertEquals(0, sim.framesEncoded());
  }

  @Test
  void snapshotIsAJpegOfTheConfiguredSize() throws Exception {
    start(SimulatedCameraOptions.defaults());
    Buffer jpeg = Await.get(factory.snapshot(vertx, camera(sim.videoUrl(), null)));
    BufferedImage image = decode(jpeg.getBytes());
    assertEquals(640, image.getWidth());
    assertEquals(360, image.getHeight());
  }

  @Test
  void basicAuthWithTheRightCredentialsPlays() throws Exception {
    start(SimulatedCameraOptions.defaults().withCredentials("viewer", "p@ss:word"));
    Sink sink = new Sink(2);
    Camera.Credentials right = new Camera.Credentials("viewer", "p@ss:word");
    MediaSource source = factory.create(vertx, camera(sim.videoUrl(), right));
    Await.get(source.open(sink));
    assertEquals(2, sink.await().size());
    Await.get(source.close());
    Buffer jpeg = Await.get(factory.snapshot(vertx, camera(sim.videoUrl(), right)));
    assertTrue(Jpeg.startsWithSoi(jpeg.getBytes()));
  }

  @Test
  void credentialsInTheUrlAreUsed() throws Exception {
    start(SimulatedCameraOptions.defaults().withCredentials("viewer", "secret"));
    URI withUserInfo =
        URI.create(sim.videoUrl().toString().replace("http://", "http://viewer:secret@"));
    Sink sink = new Sink(1);
    MediaSource source = factory.create(vertx, camera(withUserInfo, null));
    Await.get(source.open(sink));
    assertEquals(1, sink.await().size());
    Await.get(source.close());
  }

  @Test
  void wrongOrMissingCredentialsAreAuthFailed() throws Exception {
    start(SimulatedCameraOptions.defaults().withCredentials("viewer", "secret"));
    Camera.Credentials wrong = new Camera.Credentials("viewer", "guess");
    assertEquals(Reason.AUTH_FAILED, offline(camera(sim.videoUrl(), wrong)).reason());
    CameraStatus none = offline(camera(sim.videoUrl(), null));
    assertEquals(Reason.AUTH_FAILED, none.reason());
    assertTrue(none.detail().contains("none are configured"), none.detail());
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class,
            () -> Await.get(factory.snapshot(vertx, camera(sim.videoUrl(), wrong))));
    assertEquals("camera_auth_failed", ((HubException) e.getCause()).code());
  }

  private CameraStatus offline(Camera camera) throws Exception {
    Sink sink = new Sink(1);
    MediaSource source = factory.create(vertx, camera);
    source.open(sink);
    return sink.offline.get(10, TimeUnit.SECONDS);
  }

  private void start(SimulatedCameraOptions options) throws Exception {
    sim = Await.get(new SimulatedMjpegCamera(vertx, options).start());
  }

  private Camera camera(URI video, Camera.Credentials credentials) {
    URI snapshot =
        URI.create(
            video
                .toString()
                .replace(SimulatedMjpegCamera.VIDEO_PATH, SimulatedMjpegCamera.SNAPSHOT_PATH));
    return new Camera("sim-1", "Simulated", video, snapshot, credentials);
  }

  private static BufferedImage decode(byte[] jpeg) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertTrue(image != null, "ImageIO decodes the JPEG");
    return image;
  }

  /** Collects frames until it has enough; records statuses and threads. */
  private static final class Sink implements MediaSink {
    final List<MediaFrame> frames = new CopyOnWriteArrayList<>();
    final List<CameraStatus> statuses = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CompletableFuture<List<MediaFrame>> enough = new CompletableFuture<>();
    final CompletableFuture<CameraStatus> offline = new CompletableFuture<>();
    private final int wanted;

    Sink(int wanted) {
      this.wanted = wanted;
    }

    @Override
    public void frame(MediaFrame frame) {
      threads.add(Thread.currentThread().getName());
      frames.add(frame);
      if (frames.size() >= wanted) {
        enough.complete(List.copyOf(frames.subList(0, wanted)));
      }
    }

    @Override
    public void status(CameraStatus status) {
      threads.add(Thread.currentThread().getName());
      statuses.add(status);
      if (status.state() == CameraStatus.State.OFFLINE) {
        offline.complete(status);
        enough.completeExceptionally(new AssertionError("offline: " + status));
      }
    }

    List<MediaFrame> await() throws Exception {
      return enough.get(15, TimeUnit.SECONDS);
    }
  }
}
