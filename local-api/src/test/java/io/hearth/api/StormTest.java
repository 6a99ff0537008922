package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storm, short (CI): 20 displays on four real cameras (two over RTSP interleaved on TCP, two
 * over RTP/UDP, one of them found over mDNS), through a spoofed announcement, an RTP spray, every
 * camera link cut at once, four grants revoked and a kill -9 of the hub. Every display checks every
 * chunk; none may be foreign, each streams again after the cut and after the restart within the
 * deadline, and a revoked display gets nothing later than one second after its revocation. The long
 * run is {@code io.hearth.api.bench.StormBenchmark}.
 */
class StormTest {
  @TempDir Path dir;

  @Test
  @Timeout(180)
  void noDisplayEverSeesAnotherPictureThroughTheStorm() throws Exception {
    Storm.Figures f = Storm.run(new Storm.Plan(20, 4, 5, 30_000, 3_000), dir);
    System.out.println(f);
    assertEquals(0, f.foreign(), "foreign or unverifiable chunks: " + f.foreignSeen());
    assertTrue(f.verified() > 20 * 15, "chunks verified: " + f.verified());
    assertTrue(f.maxAfterRevocationMs() <= 1000, "after revocation: " + f.maxAfterRevocationMs());
    assertEquals(0, f.reopenedAfterRevocation(), "a revoked display opened a session again");
    assertTrue(f.spoofClaimSeen(), "the hub never saw the spoofed announcement: nothing was tried");
    assertTrue(f.garageStayed(), "the garage camera followed the spoofed announcement");
    assertTrue(f.droppedRtp() > 100, "the hub dropped no sprayed RTP: the spray never reached it");
  }
}
