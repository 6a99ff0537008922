package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.GstCamera;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tries to read a re-stream without the right to: no credentials, wrong ones, Basic in clear, a
 * camera the token holds no grant on, a camera whose re-stream was never turned on, and camera B's
 * picture with camera A's credentials (each camera at its own size, so a decoded picture tells
 * whose it is). Each must be refused, and no byte of media may follow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class RestreamRefusalTest {
  @TempDir static Path dir;
  private GstCamera cameraA;
  private GstCamera cameraB;
  private RestreamWorld world;
  private String a;
  private String b;
  private RestreamWorld.Credential keyA;
  private RestreamWorld.Credential keyB;

  @BeforeAll
  void start() throws Exception {
    cameraA = GstCamera.builder().size(424, 240).start();
    cameraB = GstCamera.builder().size(176, 144).pattern("ball").start();
    world = new RestreamWorld(dir.resolve("data"));
    a = world.addCamera("A", cameraA.url());
    b = world.addCamera("B", cameraB.url());
    for (String camera : List.of(a, b)) {
      world.grant(camera);
      world.restream(camera, true);
    }
    keyA = world.credential(a);
    keyB = world.credential(b);
  }

  @AfterAll
  void stop() throws Exception {
    world.close();
    cameraA.close();
    cameraB.close();
  }

  @Test
  void withoutCredentialsTheAnswerIs401WithADigestChallengeAndNoMedia() throws Exception {
    try (RtspProbe probe = new RtspProbe(world.port())) {
      RtspProbe.Answer described = probe.send("DESCRIBE", "rtsp://127.0.0.1/" + a, List.of());
      assertEquals(401, described.status());
      assertTrue(described.head().contains("WWW-Authenticate: Digest realm=\"Hearth re-stream\""));
      assertTrue(!described.head().contains("Basic"), "no Basic offered over plain RTSP");
      assertEquals(List.of(401, 455, 455), probe.play(a, null, null));
      assertEquals(0, probe.bytesWithin(1_500), "media after a refusal");
    }
    assertNotEquals("h264,424,240", FfmpegReader.probe(plainUrl(a)));
  }

  @Test
  void wrongPasswordOrBasicInClearIsRefusedWithNoMedia() throws Exception {
    try (RtspProbe probe = new RtspProbe(world.port())) {
      assertEquals(List.of(401, 455, 455), probe.play(a, keyA.username(), "not-the-password"));
      assertEquals(0, probe.bytesWithin(1_000));
    }
    try (RtspProbe probe = new RtspProbe(world.port())) {
      String basic =
          java.util.Base64.getEncoder()
              .encodeToString(
                  (keyA.username() + ":" + keyA.password()).getBytes(StandardCharsets.UTF_8));
      RtspProbe.Answer answer =
          probe.send("DESCRIBE", "rtsp://127.0.0.1/" + a, List.of("Authorization: Basic " + basic));
      assertEquals(401, answer.status(), "Basic would carry the password readable");
    }
  }

  @Test
  void aCameraTheTokenHasNoGrantOnIsRefused() throws Exception {
    String c = world.addCamera("C", "rtsp://127.0.0.1:9/none");
    world.restream(c, true);
    RestreamWorld.Credential keyC = world.credential(c);
    try (RtspProbe probe = new RtspProbe(world.port())) {
      assertEquals(List.of(403, 455, 455), probe.play(c, keyC.username(), keyC.password()));
      assertEquals(0, probe.bytesWithin(1_000));
    }
  }

  @Test
  void aCameraNeverOptedInIsRefused() throws Exception {
    String d = world.addCamera("D", "rtsp://127.0.0.1:9/none");
    world.grant(d);
    RestreamWorld.Credential keyD = world.credential(d);
    try (RtspProbe probe = new RtspProbe(world.port())) {
      assertEquals(List.of(403, 455, 455), probe.play(d, keyD.username(), keyD.password()));
      assertEquals(0, probe.bytesWithin(1_000));
    }
    String state = world.hub.get("/api/v1/cameras/" + d + "/restream", world.hub.ownerToken).body();
    assertTrue(state.contains("\"enabled\":false"), state);
  }

  @Test
  void cameraAsCredentialsNeverGiveCameraBsPicture() throws Exception {
    try (FfmpegReader ffmpeg = FfmpegReader.decode(world.url(b, keyA), 5)) {
      assertNotEquals(0, ffmpeg.await(30), "ffmpeg read B with A's credentials");
      assertEquals(0, ffmpeg.bytes(), "decoded pictures of B with A's credentials");
    }
    try (RtspProbe probe = new RtspProbe(world.port())) {
      assertEquals(List.of(403, 455, 455), probe.play(b, keyA.username(), keyA.password()));
      assertEquals(0, probe.bytesWithin(1_000));
    }
    try (FfmpegReader ffmpeg = FfmpegReader.decode(world.url(a, keyA), 5)) {
      assertEquals(0, ffmpeg.await(30), ffmpeg.errors());
      assertEquals(
          5L * 424 * 240, ffmpeg.bytes(), "A's credentials give A's pictures, at A's size");
    }
    try (FfmpegReader ffmpeg = FfmpegReader.decode(world.url(b, keyB), 5)) {
      assertEquals(0, ffmpeg.await(30), ffmpeg.errors());
      assertEquals(5L * 176 * 144, ffmpeg.bytes(), "B's own credentials give B's pictures");
    }
  }

  @Test
  void malformedOrOversizedRequestsGetAClearAnswerAndAClose() throws Exception {
    try (RtspProbe probe = new RtspProbe(world.port())) {
      RtspProbe.Answer answer = probe.raw("HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertEquals(400, answer.status(), answer.body());
    }
    try (RtspProbe probe = new RtspProbe(world.port())) {
      String big = "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nX: " + "a".repeat(10_000) + "\r\n\r\n";
      RtspProbe.Answer answer = probe.raw(big.getBytes(StandardCharsets.US_ASCII));
      assertEquals(413, answer.status(), answer.body());
    }
    try (RtspProbe probe = new RtspProbe(world.port())) {
      RtspProbe.Answer answer = probe.send("DESCRIBE", "rtsp://127.0.0.1/../etc/passwd", List.of());
      assertEquals(404, answer.status());
    }
  }

  private String plainUrl(String camera) {
    return "rtsp://127.0.0.1:" + world.port() + "/" + camera;
  }
}
