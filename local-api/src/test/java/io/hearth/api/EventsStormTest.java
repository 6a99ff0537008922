package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.GstCamera;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storm over camera events (issue 14, the Wyze case), short (CI): 50 viewers, each a display
 * granted one of four cameras' events only, list events and fetch thumbnails and clips throughout
 * while every camera link is cut at once and the hub is killed with kill -9 and started again, both
 * while events are being written. Every event listed is the viewer's camera's, and every thumbnail
 * and clip frame, decoded with ffmpeg, carries the camera's watermark (its colour); revoked while
 * playing, a viewer's listing, opening and playing all stop within 1 s. The long run is {@code
 * io.hearth.api.bench.EventsStormBenchmark}.
 */
class EventsStormTest {
  @TempDir Path dir;

  @Test
  @Timeout(240)
  void noViewerListsOrPlaysAnotherCamerasEventsThroughTheStorm() throws Exception {
    EventsStorm.Figures f = EventsStorm.run(new EventsStorm.Plan(50, 8, 60_000), dir);
    System.out.println(f);
    assertEquals(0, f.foreign(), "foreign events, thumbnails or frames: " + f.foreignSeen());
    // every viewer played a clip after the restart (the storm waits for it), most before it too
    assertTrue(f.thumbnails() >= f.viewers(), "thumbnails decoded: " + f.thumbnails());
    assertTrue(f.clips() >= f.viewers(), "clips decoded: " + f.clips());
    assertTrue(f.clipFrames() >= 20 * f.clips(), "clip frames decoded: " + f.clipFrames());
    assertTrue(f.crossCamera() >= f.viewers(), "other cameras' events tried: " + f.crossCamera());
    assertTrue(f.linksCut() >= 4, "camera connections cut: " + f.linksCut());
    assertEquals(8, f.revokeToStopMs().size());
    // The promise is 1 s: every request and the playing clip are checked against the store, so the
    // measured figure is tens of ms; the bound is the promise itself, not a loosened one.
    for (long ms : f.revokeToStopMs()) {
      assertTrue(ms < 1000, "revoke-to-stop " + f.revokeToStopMs());
    }
    assertTrue(f.lastChunkAfterRevocationMs() < 1000, "a clip chunk came after revocation");
  }

  /** The check can fail: each camera's decoded picture carries its own watermark only. */
  @Test
  @Timeout(60)
  void theWatermarkCheckTellsOneCamerasPictureFromAnothers() throws Exception {
    // red and yellow differ in green only: the nearest pair of the four
    for (Watermark w : List.of(Watermark.ALL.get(0), Watermark.ALL.get(3))) {
      try (GstCamera camera =
          GstCamera.builder()
              .pattern("ball")
              .format("I420")
              .size(EventsWorld.WIDTH, EventsWorld.HEIGHT)
              .background(w.argb())
              .start()) {
        Path grab = dir.resolve(w.name() + ".mp4");
        io.hearth.runtime.testing.Ffmpeg.run(
            dir,
            60,
            List.of(
                "ffmpeg",
                "-v",
                "error",
                "-nostdin",
                "-y",
                "-rtsp_transport",
                "tcp",
                "-i",
                camera.url(),
                "-frames:v",
                "10",
                "-c",
                "copy",
                grab.toString()));
        List<byte[]> frames = Watermark.decode(grab);
        assertTrue(frames.size() >= 5, "decoded " + frames.size());
        for (byte[] frame : frames) {
          assertNull(w.wrongIn(frame), "its own camera's frame");
          for (Watermark other : Watermark.ALL) {
            if (!other.equals(w)) {
              assertNotNull(other.wrongIn(frame), w.name() + " frame taken for " + other.name());
            }
          }
        }
      }
    }
  }
}
