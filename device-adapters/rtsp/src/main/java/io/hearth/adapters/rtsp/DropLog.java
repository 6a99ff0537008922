package io.hearth.adapters.rtsp;

import io.hearth.adapters.rtsp.SourcePin.Verdict;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reports datagrams dropped as not the camera's pinned source as a security event: at most one WARN
 * line per cause every {@link #INTERVAL_NANOS}, counting what was dropped since the previous line,
 * never a line per packet, so a flood of foreign datagrams does not flood the log as well.
 */
final class DropLog {
  static final long INTERVAL_NANOS = 10_000_000_000L;

  /** Drops of one cause not yet reported. */
  private static final class Pending {
    long count;
    String firstSender;
    boolean severalSenders;
    long lastLineNanos;
    boolean logged;
  }

  private final String camera;
  private final Consumer<String> warn;
  private final Map<Verdict, Pending> pending = new EnumMap<>(Verdict.class);

  DropLog(String camera, Consumer<String> warn) {
    this.camera = camera;
    this.warn = warn;
  }

  /** Counts one drop; writes a line if this cause has had none for the interval. */
  void dropped(Verdict cause, String sender, long nowNanos) {
    Pending p = pending.computeIfAbsent(cause, c -> new Pending());
    if (p.count == 0) {
      p.firstSender = sender;
    } else if (!p.severalSenders && !p.firstSender.equals(sender)) {
      p.severalSenders = true;
    }
    p.count++;
    if (!p.logged || nowNanos - p.lastLineNanos >= INTERVAL_NANOS) {
      write(cause, p, nowNanos);
    }
  }

  /** Reports what is still uncounted, when the transport closes. */
  void flush(long nowNanos) {
    pending.forEach(
        (cause, p) -> {
          if (p.count > 0) {
            write(cause, p, nowNanos);
          }
        });
  }

  private void write(Verdict cause, Pending p, long nowNanos) {
    warn.accept(
        "dropped "
            + p.count
            + (p.count == 1 ? " RTP datagram" : " RTP datagrams")
            + " for camera "
            + camera
            + " from "
            + p.firstSender
            + (p.severalSenders ? " and other senders" : "")
            + ": not the camera's pinned source ("
            + cause.label
            + ")");
    p.count = 0;
    p.severalSenders = false;
    p.logged = true;
    p.lastLineNanos = nowNanos;
  }
}
