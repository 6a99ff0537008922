package io.hearth.adapters.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link MqttLink} connected: tries at once, then after each failure or loss waits a
 * jittered, growing delay ({@link ReconnectBackoff}). The delay starts again from the minimum only
 * after a connection that stayed up a while, so a broker that accepts and drops at once is not
 * hammered. The first failure of a streak is logged with its reason, repeats only at debug level.
 * Used on one context only.
 */
final class BrokerConnection {
  /** A connection up this long counts as healthy: the next loss retries after the minimum. */
  static final long HEALTHY_MILLIS = 30_000;

  private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);

  /** Told on the context when the link comes up and goes down. */
  interface Listener {
    void up();

    void down();
  }

  private final Context context;
  private final MqttLink link;
  private final String url;
  private final ReconnectBackoff backoff;
  private final Listener listener;
  private long upSince = -1;
  private long timer = -1;
  private boolean failing;
  private boolean stopped;

  BrokerConnection(
      Context context, MqttLink link, String url, ReconnectBackoff backoff, Listener listener) {
    this.context = context;
    this.link = link;
    this.url = url;
    this.backoff = backoff;
    this.listener = listener;
    link.connectionLostHandler(this::lost);
  }

  void start() {
    attempt();
  }

  /** Stops retrying and disconnects. */
  Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      context.owner().cancelTimer(timer);
    }
    return link.disconnect();
  }

  private void attempt() {
    timer = -1;
    if (stopped) {
      return;
    }
    link.connect().onComplete(done -> connected(done.failed() ? done.cause() : null));
  }

  private void connected(Throwable failure) {
    if (stopped) {
      return; // stop() queued its disconnect after this connect, on the same ordered worker
    }
    if (failure != null) {
      logFailure("cannot connect to the MQTT broker " + url + ": " + describe(failure));
      retry();
      return;
    }
    failing = false;
    upSince = System.currentTimeMillis();
    LOG.info("connected to the MQTT broker {}", url);
    listener.up();
  }

  private void lost(Throwable cause) {
    listener.down();
    if (upSince >= 0 && System.currentTimeMillis() - upSince >= HEALTHY_MILLIS) {
      backoff.reset();
    }
    upSince = -1;
    if (!stopped) {
      logFailure("lost the MQTT broker " + url + ": " + describe(cause));
      retry();
    }
  }

  private void retry() {
    long delay = backoff.nextMillis();
    LOG.debug("next MQTT connection attempt in {} ms", delay);
    timer = context.owner().setTimer(delay, id -> attempt());
  }

  private void logFailure(String message) {
    if (failing) {
      LOG.debug("{}", message);
    } else {
      failing = true;
      LOG.warn("{}; retrying with backoff up to {} s", message, ReconnectBackoff.MAX_MILLIS / 1000);
    }
  }

  static String describe(Throwable failure) {
    if (failure instanceof MqttSecurityException) {
      return "the broker refused the credentials (check mqtt.username and mqtt.password)";
    }
    Throwable cause = failure.getCause();
    String text = String.valueOf(failure.getMessage());
    return cause == null ? text : text + " (" + name(cause) + ")";
  }

  private static String name(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
