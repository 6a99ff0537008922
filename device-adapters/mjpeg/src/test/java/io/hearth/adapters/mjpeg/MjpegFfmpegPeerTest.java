package io.hearth.adapters.mjpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.mjpeg.codec.Jpeg;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.ChildProcess;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Ffmpeg;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.Vertx;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ffmpeg as an independent MJPEG camera: its mpjpeg muxer served by its own HTTP server on
 * loopback. ffmpeg labels the answer application/octet-stream unless told the multipart type, as a
 * camera would send it.
 */
@Timeout(60)
class MjpegFfmpegPeerTest {
  private final Vertx vertx = Vertx.vertx();
  private ChildProcess ffmpeg;

  @AfterEach
  void tearDown() throws Exception {
    if (ffmpeg != null) {
      ffmpeg.kill();
    }
    Await.get(vertx.close());
  }

  @Test
  void readsJpegFramesFromFfmpeg() throws Exception {
    Path executable = Peers.require("ffmpeg", "ffmpeg");
    int port = Peers.freePort();
    ffmpeg =
        Ffmpeg.mjpegCamera(executable.toString(), "http://127.0.0.1:" + port + "/stream").start();
    URI url = URI.create("http://127.0.0.1:" + port + "/stream");
    RecordingSink sink = openWhenListening(url);
    sink.awaitFrames(20);

    assertEquals(CameraStatus.ONLINE, sink.statuses.get(1));
    List<MediaFrame> frames = sink.frames.subList(0, 10);
    for (MediaFrame frame : frames) {
      byte[] jpeg = frame.payload();
      assertTrue(Jpeg.startsWithSoi(jpeg) && Jpeg.endsWithEoi(jpeg), "SOI and EOI");
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
      assertEquals(320, image.getWidth());
      assertEquals(240, image.getHeight());
    }
  }

  /** ffmpeg needs a moment to listen; a refused connect costs it nothing, so retry those. */
  private RecordingSink openWhenListening(URI url) throws Exception {
    AtomicReference<RecordingSink> last = new AtomicReference<>();
    Eventually.holdsWithin(
        Duration.ofSeconds(15),
        () -> {
          last.set(openOnce(url));
          List<CameraStatus> statuses = last.get().statuses;
          return statuses.get(statuses.size() - 1).reason() != Reason.UNREACHABLE;
        });
    return last.get();
  }

  /** Opens a source of {@code url}; returns its sink once it has a frame or is OFFLINE. */
  private RecordingSink openOnce(URI url) throws InterruptedException {
    RecordingSink sink = new RecordingSink(10);
    MjpegSource source =
        new MjpegSource(
            vertx, new Camera("ff", "ffmpeg", url, null, null), MjpegSettings.defaults());
    source.open(sink);
    Eventually.within(
        Duration.ofSeconds(15),
        "a frame or OFFLINE",
        () ->
            !sink.frames.isEmpty()
                || sink.statuses.stream().anyMatch(s -> s.state() == CameraStatus.State.OFFLINE));
    return sink;
  }
}
