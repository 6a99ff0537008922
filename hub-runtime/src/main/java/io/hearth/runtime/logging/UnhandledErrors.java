package io.hearth.runtime.logging;

import io.vertx.core.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What escapes a handler on one of the hub's event loops. One case is expected and comes from the
 * network, not from a bug: packets a client pipelined after its MQTT connection ended (after its
 * DISCONNECT, or after the hub closed it), which Vert.x's MQTT server throws on one by one; those
 * cost a debug line. Anything else is a bug and is logged as an error with its stack trace (the
 * {@link FloodFilter} bounds how many a minute).
 */
public final class UnhandledErrors implements Handler<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnhandledErrors.class);

  @Override
  public void handle(Throwable e) {
    if (afterMqttConnectionEnded(e)) {
      LOG.debug("MQTT: a packet after its connection ended was dropped ({})", e.getMessage());
      return;
    }
    LOG.error("unhandled error on an event loop", e);
  }

  static boolean afterMqttConnectionEnded(Throwable e) {
    return e instanceof IllegalArgumentException
        && String.valueOf(e.getMessage()).contains("from a not connected client");
  }
}
