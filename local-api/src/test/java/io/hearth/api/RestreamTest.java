package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.GstCamera;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-stream read by the tools that use it, ffprobe and ffmpeg (what Frigate, go2rtc and Home
 * Assistant run), with an automation token's re-stream credentials: the stream is the camera's
 * H.264 at its own size, decoded picture by picture, over RTSP and RTSPS; revoking the grant cuts a
 * running ffmpeg within the promised second; the opening is audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class RestreamTest {
  static final int WIDTH = 424;
  static final int HEIGHT = 240;
  static final long PROMISE_MS = 1_000;

  @TempDir static Path dir;
  private GstCamera camera;
  private RestreamWorld world;
  private String cameraId;

  @BeforeAll
  void start() throws Exception {
    camera = GstCamera.builder().size(WIDTH, HEIGHT).start();
    world = new RestreamWorld(dir.resolve("data"));
    cameraId = world.addCamera("Porch", camera.url());
    world.restream(cameraId, true);
  }

  @AfterAll
  void stop() throws Exception {
    world.close();
    camera.close();
  }

  @Test
  void ffprobeAndFfmpegReadTheCameraWithTheTokensCredentials() throws Exception {
    world.grant(cameraId);
    RestreamWorld.Credential k = world.credential(cameraId);
    // ffprobe as it comes: UDP first, the hub's 461, then interleaved over TCP.
    assertEquals("h264," + WIDTH + "," + HEIGHT, FfmpegReader.probe(world.url(cameraId, k)));
    try (FfmpegReader ffmpeg = FfmpegReader.decode(world.url(cameraId, k), 10)) {
      assertEquals(0, ffmpeg.await(60), ffmpeg.errors());
      assertEquals(10L * WIDTH * HEIGHT, ffmpeg.bytes(), "ten decoded pictures of the camera");
    }
    String tls = "rtsps://" + k.username() + ":" + k.password() + "@127.0.0.1:" + world.tlsPort();
    assertEquals("h264," + WIDTH + "," + HEIGHT, FfmpegReader.probe(tls + "/" + cameraId));
    String audit = world.hub.get("/api/v1/audit", world.hub.ownerToken).body();
    assertTrue(audit.contains("restream.open") && audit.contains(world.tokenId), audit);
    assertTrue(audit.contains("\"peer\":\"127.0.0.1\""), "the audit names the reader's address");
  }

  @Test
  void anH265CameraIsReStreamedAsH265() throws Exception {
    try (GstCamera h265 = GstCamera.builder().codec("h265").format("I420").size(320, 176).start()) {
      String id = world.addCamera("Garage", h265.url());
      world.grant(id);
      world.restream(id, true);
      RestreamWorld.Credential k = world.credential(id);
      assertEquals("hevc,320,176", FfmpegReader.probe(world.url(id, k), "-rtsp_transport", "tcp"));
    }
  }

  @Test
  void revokingTheGrantCutsARunningFfmpegWithinOneSecond() throws Exception {
    String grant = world.grant(cameraId);
    RestreamWorld.Credential k = world.credential(cameraId);
    try (FfmpegReader ffmpeg = FfmpegReader.decode(world.url(cameraId, k), 0)) {
      Eventually.within(
          Duration.ofSeconds(30),
          "ffmpeg decodes pictures",
          () -> ffmpeg.bytes() > 5L * WIDTH * HEIGHT);
      world.revoke(grant);
      long revokedAt = System.currentTimeMillis();
      ffmpeg.await(10);
      Eventually.within(Duration.ofSeconds(10), "ffmpeg's output ends", () -> ffmpeg.endedAt() > 0);
      long cut = ffmpeg.endedAt() - revokedAt;
      long lastPicture = ffmpeg.lastByteAt() - revokedAt;
      System.out.printf(
          "re-stream cut %d ms after the revocation (last picture at %d ms)%n", cut, lastPicture);
      assertTrue(cut <= PROMISE_MS, "ffmpeg still read " + cut + " ms after the revocation");
    }
  }

  @Test
  void turningTheRestreamOffCutsItToo() throws Exception {
    world.grant(cameraId);
    RestreamWorld.Credential k = world.credential(cameraId);
    try (FfmpegReader ffmpeg = FfmpegReader.decode(world.url(cameraId, k), 0)) {
      Eventually.within(
          Duration.ofSeconds(30), "ffmpeg decodes pictures", () -> ffmpeg.bytes() > 0);
      world.restream(cameraId, false);
      long offAt = System.currentTimeMillis();
      Eventually.within(Duration.ofSeconds(10), "ffmpeg's output ends", () -> ffmpeg.endedAt() > 0);
      assertTrue(ffmpeg.endedAt() - offAt <= PROMISE_MS, "read on after the switch went off");
    } finally {
      world.restream(cameraId, true);
    }
  }
}
