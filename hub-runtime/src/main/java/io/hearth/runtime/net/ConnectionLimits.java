package io.hearth.runtime.net;

import io.hearth.runtime.logging.LogLimiter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's connection limits, one {@link Listener} per listening socket (HTTPS, plain HTTP, MQTT,
 * MQTT over TLS): each admits a new connection only while it has fewer than its maximum open in all
 * and from that source address, so a flood costs a few counters instead of memory and file
 * descriptors. Refusals and time-outs are counted (health shows them) and logged at most one line
 * per listener and cause per minute.
 */
public final class ConnectionLimits {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);

  private final Map<String, Listener> listeners =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final LogLimiter logLimiter;

  public ConnectionLimits() {
    this(LogLimiter.DEFAULT_INTERVAL_MS);
  }

  ConnectionLimits(long logIntervalMs) {
    this.logLimiter = new LogLimiter(logIntervalMs);
  }

  /** Registers (or replaces, when a module starts again) the limits of one listener. */
  public Listener listener(String name, int max, int maxPerAddress) {
    Listener listener = new Listener(name, max, maxPerAddress, this);
    listeners.put(name, listener);
    return listener;
  }

  /** Every listener's figures, in the order they were registered. */
  public Map<String, Listener.Counts> counts() {
    Map<String, Listener.Counts> counts = new LinkedHashMap<>();
    synchronized (listeners) {
      listeners.forEach((name, listener) -> counts.put(name, listener.counts()));
    }
    return counts;
  }

  void log(String listener, String cause, String message, Object... args) {
    long heldBack = logLimiter.admit(listener + ":" + cause);
    if (heldBack >= 0) {
      LOG.warn(message + LogLimiter.suffix(heldBack), args);
    }
  }
}
