package io.hearth.adapters.mqtt;

import io.hearth.adapters.mqtt.convention.OutboundMessage;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.BusAddresses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The hub's own MQTT broker as a link: the api module's broker forwards every client publish to
 * {@link #IN} on the event bus and publishes what it is asked to on {@link #OUT}, so devices that
 * use the hub as their only broker are adapted exactly like devices on an external broker.
 */
final class LocalBusLink implements MqttLink {
  /** Client publishes from the hub's broker: Buffer body, headers topic, qos, retain. */
  static final String IN = BusAddresses.MQTT_IN;

  /** Publish requests to the hub's broker; replied to once routed. */
  static final String OUT = BusAddresses.MQTT_OUT;

  /** Which device a topic is about: no body, headers topic and device. */
  static final String OWNER = BusAddresses.MQTT_OWNER;

  private final Context context;
  private final Set<String> filters = ConcurrentHashMap.newKeySet();
  private MessageConsumer<Buffer> consumer;
  private BiConsumer<String, byte[]> handler = (t, p) -> {};

  LocalBusLink(Context context) {
    this.context = context;
  }

  @Override
  public Future<Void> connect() {
    consumer =
        context
            .owner()
            .eventBus()
            .localConsumer(
                IN,
                message -> {
                  String topic = message.headers().get(BusAddresses.TOPIC);
                  if (topic != null
                      && filters.stream().anyMatch(f -> TopicFilter.matches(f, topic))) {
                    handler.accept(topic, message.body().getBytes());
                  }
                });
    return consumer.completion();
  }

  @Override
  public Future<Void> subscribe(Collection<String> topics, int qos) {
    filters.addAll(topics);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> unsubscribe(Collection<String> topics) {
    filters.removeAll(topics);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> publish(OutboundMessage message) {
    DeliveryOptions options =
        new DeliveryOptions()
            .addHeader(BusAddresses.TOPIC, message.topic())
            .addHeader(BusAddresses.QOS, String.valueOf(message.qos()))
            .addHeader(BusAddresses.RETAIN, String.valueOf(message.retain()))
            .setSendTimeout(5000);
    return context
        .owner()
        .eventBus()
        .request(OUT, Buffer.buffer(message.payload()), options)
        .<Void>mapEmpty()
        .recover(
            e ->
                Future.failedFuture(
                    new HubException(
                        503,
                        "mqtt_unreachable",
                        "the hub's own MQTT broker is not running (api.mqtt.mode); the command was not"
                            + " sent")));
  }

  @Override
  public void claim(String topic, String deviceId) {
    DeliveryOptions options =
        new DeliveryOptions()
            .setLocalOnly(true)
            .addHeader(BusAddresses.TOPIC, topic)
            .addHeader(BusAddresses.DEVICE, deviceId);
    context.owner().eventBus().send(OWNER, null, options);
  }

  @Override
  public Future<Void> disconnect() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  @Override
  public boolean isConnected() {
    return consumer != null && consumer.isRegistered();
  }

  @Override
  public MqttLink messageHandler(BiConsumer<String, byte[]> handler) {
    this.handler = handler;
    return this;
  }

  @Override
  public MqttLink connectionLostHandler(Handler<Throwable> handler) {
    return this;
  }
}
