package io.hearth.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * The log's last line of defence against floods: whatever a client on the network makes a logger
 * say, at most {@value #BURST} lines of one kind (same logger, level and message pattern) are
 * written per minute; the rest are held back and counted, and the next minute starts with one line
 * saying how many were. So the log grows with time, never with an attacker's request rate, also for
 * lines Hearth does not write itself (Vert.x logs each undecodable MQTT frame as an error).
 * Installed from {@code logback.xml}. Bounded: past {@value #MAX_KINDS} kinds in a minute, further
 * new kinds share one budget per logger.
 */
public final class FloodFilter extends TurboFilter {
  static final int BURST = 5;
  static final long WINDOW_MS = 60_000;
  static final int MAX_KINDS = 2048;
  private static final String REPORTER = "io.hearth.runtime.logging.FloodFilter";

  /** Lines of one kind in the current window. */
  private static final class Kind {
    long windowStart;
    int written;
    long heldBack;
  }

  private final Map<String, Kind> kinds = new HashMap<>();
  private final ThreadLocal<Boolean> reporting = ThreadLocal.withInitial(() -> false);
  private final LongSupplier clock;

  /** As logback makes it, from logback.xml. */
  public FloodFilter() {
    this(System::currentTimeMillis);
  }

  FloodFilter(LongSupplier clock) {
    this.clock = clock;
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // Only lines that would be written count (isEnabledFor would call this filter again).
    if (level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel()) || reporting.get()) {
      return FilterReply.NEUTRAL;
    }
    String key = key(logger.getName(), level, format);
    long heldBack;
    synchronized (this) {
      Kind kind = kindOf(key, logger.getName(), level);
      long now = clock.getAsLong();
      heldBack = 0;
      if (now - kind.windowStart >= WINDOW_MS) {
        heldBack = kind.heldBack;
        kind.windowStart = now;
        kind.written = 0;
        kind.heldBack = 0;
      }
      if (kind.written >= BURST) {
        kind.heldBack++;
        return FilterReply.DENY;
      }
      kind.written++;
    }
    if (heldBack > 0) {
      report(logger.getName(), format, heldBack);
    }
    return FilterReply.NEUTRAL;
  }

  private Kind kindOf(String key, String loggerName, Level level) {
    Kind kind = kinds.get(key);
    if (kind != null) {
      return kind;
    }
    if (kinds.size() >= MAX_KINDS) {
      return kinds.computeIfAbsent(loggerName + "|" + level + "|*", k -> new Kind());
    }
    kind = new Kind();
    kinds.put(key, kind);
    return kind;
  }

  private void report(String loggerName, String format, long heldBack) {
    reporting.set(true);
    try {
      LoggerFactory.getLogger(REPORTER)
          .warn(
              "{} lines like \"{}\" from {} were held back in the last minute",
              heldBack,
              clip(format),
              loggerName);
    } finally {
      reporting.set(false);
    }
  }

  private static String key(String loggerName, Level level, String format) {
    return loggerName + "|" + level + "|" + clip(format);
  }

  private static String clip(String format) {
    if (format == null) {
      return "";
    }
    return format.length() <= 80 ? format : format.substring(0, 80);
  }
}
