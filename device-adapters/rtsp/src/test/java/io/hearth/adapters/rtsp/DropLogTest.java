package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.adapters.rtsp.SourcePin.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dropped datagrams are one WARN line per cause and interval, never a line per packet. */
class DropLogTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aFloodIsOneLineAtOnceThenOneSummaryPerInterval() {
    List<String> lines = new ArrayList<>();
    DropLog log = new DropLog("Porch", lines::add);
    for (int i = 0; i < 1000; i++) {
      log.dropped(Verdict.WRONG_PORT, "127.0.0.1:5004", i * 1_000_000L); // 1000 in one second
    }
    assertEquals(
        List.of(
            "dropped 1 RTP datagram for camera Porch from 127.0.0.1:5004: not the camera's"
                + " pinned source (wrong port)"),
        lines);
    log.dropped(Verdict.WRONG_PORT, "127.0.0.1:5006", 11 * SECOND);
    assertEquals(2, lines.size());
    assertEquals(
        "dropped 1000 RTP datagrams for camera Porch from 127.0.0.1:5004 and other senders: not"
            + " the camera's pinned source (wrong port)",
        lines.get(1));
  }

  @Test
  void eachCauseHasItsOwnLineAndCloseReportsTheRest() {
    List<String> lines = new ArrayList<>();
    DropLog log = new DropLog("Porch", lines::add);
    log.dropped(Verdict.WRONG_PORT, "10.0.0.5:6000", 0);
    log.dropped(Verdict.WRONG_SSRC, "10.0.0.5:6970", 1);
    log.dropped(Verdict.WRONG_SSRC, "10.0.0.5:6970", 2);
    log.dropped(Verdict.WRONG_SSRC, "10.0.0.5:6970", 3);
    assertEquals(2, lines.size());
    log.flush(4);
    assertEquals(3, lines.size(), "only the cause with uncounted drops: " + lines);
    assertEquals(
        "dropped 2 RTP datagrams for camera Porch from 10.0.0.5:6970: not the camera's pinned"
            + " source (wrong SSRC)",
        lines.get(2));
    log.flush(5);
    assertEquals(3, lines.size(), "nothing left to report");
  }
}
