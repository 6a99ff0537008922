package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Xiaomi case, short: 6 displays behind a stalling, resetting link and 4 on a good one, 4
 * cameras, 25 s. Nothing foreign or unverifiable may arrive, stills included; the poor viewers
 * still see their own camera; the good viewers are not held up by the poor ones. The long run is
 * {@link LossyLinkScenario#main} (figures in docs/benchmarks.md).
 */
@Timeout(180)
class LossyLinkTest {
  @TempDir Path dir;

  @Test
  void poorLinksGetLateOrCutPicturesOfTheirOwnCameraOnly() throws Exception {
    LossyLinkScenario.Figures run = LossyLinkScenario.run(dir.resolve("data"), 4, 6, 25_000);
    System.out.println(run.line());

    assertEquals(0, run.foreign(), "pictures of another camera arrived: " + run.line());
    assertEquals(0, run.foreignStills(), "stills of another camera arrived: " + run.line());
    assertEquals(0, run.unverifiable(), "chunks that do not open arrived: " + run.line());
    assertTrue(run.stalls() > 0 && run.cuts() > 0, "the link was not poor: " + run.line());
    assertTrue(
        run.fewestVerifiedByAPoorViewer() >= 10, "a poor viewer saw too little: " + run.line());
    assertTrue(run.fewestStillsByAPoorViewer() >= 1, "a poor viewer got no still: " + run.line());
    assertTrue(
        run.worstGoodGapMillis() < 3_000,
        "a good viewer was held up by the poor ones: " + run.line());
  }
}
