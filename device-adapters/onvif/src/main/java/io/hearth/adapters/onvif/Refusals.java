package io.hearth.adapters.onvif;

import org.slf4j.Logger;

/**
 * Logs refused network messages without letting a flood of them flood the log: at most one line per
 * {@value #QUIET_MS} ms, with a count of those left out.
 */
final class Refusals {
  static final long QUIET_MS = 10_000;
  private final Logger log;
  private final String who;
  private long lastLogged;
  private long suppressed;

  Refusals(Logger log) {
    this(log, "ONVIF discovery");
  }

  /** Refusals logged as {@code who} refused a message from ... */
  Refusals(Logger log, String who) {
    this.log = log;
    this.who = who;
  }

  synchronized void log(String from, String why) {
    long now = System.currentTimeMillis();
    if (lastLogged != 0 && now - lastLogged < QUIET_MS) {
      suppressed++;
      return;
    }
    log.warn(
        "{} refused a message from {}: {}{}",
        who,
        from,
        why,
        suppressed == 0 ? "" : " (" + suppressed + " more refused since the last report)");
    lastLogged = now;
    suppressed = 0;
  }
}
