package io.hearth.adapters.mqtt;

import io.hearth.adapters.mqtt.convention.OutboundMessage;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Commands on their way to the broker. While it is connected a command is published at once; while
 * it is not, up to {@code limit} commands wait and go out in order on reconnect. A command that can
 * neither go out nor wait fails with 503: none is dropped silently. Used on one context only.
 */
final class CommandOutbox {
  static final String UNREACHABLE = "the MQTT broker is unreachable; the command was not sent";

  private final int limit;
  private final Deque<OutboundMessage> queue = new ArrayDeque<>();
  private MqttLink link;

  CommandOutbox(int limit) {
    this.limit = limit;
  }

  /** Succeeds once the broker acknowledged the command or it is queued for the reconnect. */
  Future<Void> send(OutboundMessage message) {
    MqttLink current = link;
    if (current == null) {
      return enqueue(message);
    }
    // A publish that fails because the connection just dropped waits for the reconnect.
    return current
        .publish(message)
        .recover(e -> link == null || !current.isConnected() ? enqueue(message) : failed(e));
  }

  /** The link is up: from now on publish directly, starting with what waited. */
  void online(MqttLink connected) {
    this.link = connected;
    while (link != null && !queue.isEmpty()) {
      OutboundMessage m = queue.poll();
      link.publish(m).onFailure(e -> requeue(m));
    }
  }

  /** The link is down: hold commands from now on. */
  void offline() {
    this.link = null;
  }

  int queued() {
    return queue.size();
  }

  /** Takes the waiting commands out, to hand them to a reconfigured bridge. */
  List<OutboundMessage> takeQueued() {
    List<OutboundMessage> out = new ArrayList<>(queue);
    queue.clear();
    return out;
  }

  /** Commands already accepted elsewhere go first, even past the limit: they were promised. */
  void carry(List<OutboundMessage> earlier) {
    for (int i = earlier.size() - 1; i >= 0; i--) {
      queue.addFirst(earlier.get(i));
    }
    if (link != null) {
      online(link);
    }
  }

  private Future<Void> enqueue(OutboundMessage message) {
    if (queue.size() >= limit) {
      return failed(null);
    }
    queue.add(message);
    return Future.succeededFuture();
  }

  /** A queued command whose publish failed as the link dropped waits again, first in line. */
  private void requeue(OutboundMessage message) {
    queue.addFirst(message);
  }

  private static Future<Void> failed(Throwable cause) {
    return Future.failedFuture(new HubException(503, "mqtt_unreachable", UNREACHABLE, cause));
  }
}
