package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.rtsp.codec.RtcpReceiverReport.ReportBlock;
import org.junit.jupiter.api.Test;

class ReceptionStatsTest {
  @Test
  void countsLossAndTheExtendedSequenceAcrossTheWrap() throws Exception {
    ReceptionStats stats = new ReceptionStats(90_000);
    assertTrue(stats.block(0).isEmpty(), "no report before the first packet");
    long now = 0;
    for (int seq : new int[] {65533, 65534, 1, 2}) { // 65535 and 0 lost
      stats.onRtp(ReorderBufferTest.packet(seq), now += 1_000_000);
    }
    ReportBlock block = stats.block(now).orElseThrow();
    assertEquals(2, block.cumulativeLost());
    assertEquals(0x10000 + 2, block.extendedHighestSequence());
    assertEquals(2 * 256 / 6, block.fractionLost());
    assertEquals(0, stats.block(now).orElseThrow().fractionLost(), "interval resets");
  }

  @Test
  void countsDropsPerCause() {
    ReceptionStats stats = new ReceptionStats(90_000);
    stats.onDropped(SourcePin.Verdict.WRONG_PORT);
    stats.onDropped(SourcePin.Verdict.WRONG_PORT);
    stats.onDropped(SourcePin.Verdict.WRONG_SSRC);
    assertEquals(2, stats.dropped(SourcePin.Verdict.WRONG_PORT));
    assertEquals(1, stats.dropped(SourcePin.Verdict.WRONG_SSRC));
    assertEquals(0, stats.dropped(SourcePin.Verdict.WRONG_ADDRESS));
    assertEquals(0, stats.received(), "drops are not receptions");
  }
}
