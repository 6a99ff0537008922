package io.hearth.adapters.mqtt;

import io.hearth.adapters.mqtt.convention.OutboundMessage;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.Collection;
import java.util.function.BiConsumer;

/**
 * Our small view of an MQTT client connection, so the MQTT library can be swapped (or another
 * source, such as the hub's own broker, plugged in) without touching the bridge. Every future
 * completes, and every handler runs, on the Vert.x context the link was made for; nothing here
 * blocks the caller.
 */
public interface MqttLink {
  /** Opens the connection; fails with the broker's or the network's reason. */
  Future<Void> connect();

  /** Subscribes to topic filters at this QoS; fails if the broker refuses any of them. */
  Future<Void> subscribe(Collection<String> filters, int qos);

  /** Drops topic filters. */
  Future<Void> unsubscribe(Collection<String> filters);

  /** Publishes; at QoS 1 or 2 completes when the broker has acknowledged it. */
  Future<Void> publish(OutboundMessage message);

  /** Closes the connection and releases the client; a disconnected link cannot connect again. */
  Future<Void> disconnect();

  boolean isConnected();

  /** Receives every message (topic, payload) that arrives on a subscription. */
  MqttLink messageHandler(BiConsumer<String, byte[]> handler);

  /** Told when an established connection is lost, with the reason. */
  MqttLink connectionLostHandler(Handler<Throwable> handler);

  /**
   * Tells the broker at the other end which hub device a topic is about, so the broker can keep
   * that topic as private as the device (only the hub's own broker listens; others ignore it).
   */
  default void claim(String topic, String deviceId) {}
}
