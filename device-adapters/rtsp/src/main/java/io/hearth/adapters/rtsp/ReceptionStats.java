package io.hearth.adapters.rtsp;

import io.hearth.adapters.rtsp.SourcePin.Verdict;
import io.hearth.adapters.rtsp.codec.RtcpReceiverReport.ReportBlock;
import io.hearth.adapters.rtsp.codec.RtcpSenderReport;
import io.hearth.adapters.rtsp.codec.RtpPacket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reception statistics of the camera's RTP stream, as RFC 3550 §6.4.1 and appendix A.1/A.8 define
 * them: extended highest sequence number, cumulative and fractional loss, interarrival jitter, and
 * the last sender report, for the receiver reports the camera expects. It also counts, per cause,
 * the datagrams dropped as not the camera's pinned source.
 */
final class ReceptionStats {
  private final int clockRate;
  private boolean started;
  private int ssrc;
  private int baseSeq;
  private int maxSeq;
  private long cycles;
  private long received;
  private long expectedPrior;
  private long receivedPrior;
  private double jitter;
  private long lastTransit;
  private long lastSr;
  private long lastSrAtNanos;
  private final Map<Verdict, Long> dropped = new EnumMap<>(Verdict.class);

  ReceptionStats(int clockRate) {
    this.clockRate = clockRate;
  }

  /** Accounts for one packet arriving at {@code nowNanos} (a monotonic clock). */
  void onRtp(RtpPacket packet, long nowNanos) {
    int seq = packet.sequenceNumber();
    long transit = nowNanos / 1000 * clockRate / 1_000_000 - packet.timestamp();
    if (!started) {
      started = true;
      ssrc = packet.ssrc();
      baseSeq = seq;
      maxSeq = seq;
    } else {
      int ahead = (seq - maxSeq) & 0xFFFF;
      if (ahead > 0 && ahead < 0x8000) {
        if (seq < maxSeq) {
          cycles += 0x10000;
        }
        maxSeq = seq;
      }
      long d = Math.abs(transit - lastTransit);
      jitter += (d - jitter) / 16.0;
    }
    lastTransit = transit;
    received++;
  }

  /** Remembers a sender report for the LSR and DLSR fields. */
  void onSenderReport(RtcpSenderReport report, long nowNanos) {
    lastSr = report.lsr();
    lastSrAtNanos = nowNanos;
  }

  /** Counts a datagram dropped for {@code cause} (wrong address, port or SSRC). */
  void onDropped(Verdict cause) {
    dropped.merge(cause, 1L, Long::sum);
  }

  /** Datagrams dropped for {@code cause} since the start. */
  long dropped(Verdict cause) {
    return dropped.getOrDefault(cause, 0L);
  }

  /** Every drop count so far, by cause, as a copy. */
  Map<Verdict, Long> drops() {
    return new EnumMap<>(dropped);
  }

  /** Packets lost since the start (negative with duplicates, as RFC 3550 allows). */
  long cumulativeLost() {
    return expected() - received;
  }

  long received() {
    return received;
  }

  /** The highest sequence number received so far (16 bits), or -1 before the first packet. */
  int highestSequence() {
    return started ? maxSeq : -1;
  }

  /** The report block for now, or empty before the first packet; resets the interval counts. */
  Optional<ReportBlock> block(long nowNanos) {
    if (!started) {
      return Optional.empty();
    }
    long expected = expected();
    long expectedInterval = expected - expectedPrior;
    long lostInterval = expectedInterval - (received - receivedPrior);
    expectedPrior = expected;
    receivedPrior = received;
    int fraction =
        expectedInterval <= 0 || lostInterval <= 0
            ? 0
            : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    long dlsr =
        lastSr == 0
            ? 0
            : io.hearth.adapters.rtsp.codec.RtcpReceiverReport.dlsr(
                Duration.ofNanos(nowNanos - lastSrAtNanos));
    return Optional.of(
        new ReportBlock(
            ssrc, fraction, cumulativeLost(), cycles + maxSeq, (long) jitter, lastSr, dlsr));
  }

  private long expected() {
    return cycles + maxSeq - baseSeq + 1;
  }
}
