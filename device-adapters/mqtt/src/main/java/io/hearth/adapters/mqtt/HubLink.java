package io.hearth.adapters.mqtt;

import io.hearth.adapters.mqtt.convention.OutboundMessage;
import io.hearth.runtime.spi.BusAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The external broker's connection, lent to the rest of the hub over the event bus: when the local
 * API runs in {@code api.mqtt.mode: external} (one Mosquitto for everything, where Home Assistant
 * listens), it publishes the hub's state, availability and discovery documents there through this
 * link ({@link BusAddresses#MQTT_EXTERNAL_PUBLISH}), and asks for the topics it reads ({@link
 * BusAddresses#MQTT_EXTERNAL_SUBSCRIBE}: HA's birth message, commands). One connection, behind the
 * egress ledger like the adapter's own traffic. The filters asked for survive reconnects and a
 * reconfigured bridge.
 */
final class HubLink {
  private final Vertx vertx;
  private final Supplier<MqttBridge> bridge;
  private final Set<String> filters = new LinkedHashSet<>();
  private final List<MessageConsumer<?>> consumers;

  HubLink(Vertx vertx, Supplier<MqttBridge> bridge) {
    this.vertx = vertx;
    this.bridge = bridge;
    this.consumers =
        List.of(
            vertx
                .eventBus()
                .<Buffer>localConsumer(BusAddresses.MQTT_EXTERNAL_PUBLISH, this::publish),
            vertx
                .eventBus()
                .<String>localConsumer(BusAddresses.MQTT_EXTERNAL_SUBSCRIBE, this::subscribe));
  }

  /** Hands a (new) bridge what it needs to serve the hub: the filters and where messages go. */
  Future<Void> attach(MqttBridge fresh) {
    fresh.forHub(this::arrived, this::up);
    List<String> held;
    synchronized (filters) {
      held = List.copyOf(filters);
    }
    return Future.all(held.stream().map(fresh::subscribeForHub).toList()).mapEmpty();
  }

  void close() {
    consumers.forEach(MessageConsumer::unregister);
  }

  private void publish(Message<Buffer> m) {
    String topic = m.headers().get(BusAddresses.TOPIC);
    int qos = Integer.parseInt(m.headers().get(BusAddresses.QOS));
    boolean retain = Boolean.parseBoolean(m.headers().get(BusAddresses.RETAIN));
    bridge
        .get()
        .publishForHub(new OutboundMessage(topic, m.body().getBytes(), qos, retain))
        .onSuccess(v -> m.reply(null))
        .onFailure(e -> m.fail(503, e.getMessage()));
  }

  private void subscribe(Message<String> m) {
    synchronized (filters) {
      filters.add(m.body());
    }
    bridge
        .get()
        .subscribeForHub(m.body())
        .onSuccess(v -> m.reply(null))
        .onFailure(e -> m.reply(null)); // kept: subscribed again at the next connect
  }

  private void arrived(String topic, byte[] payload) {
    vertx
        .eventBus()
        .publish(
            BusAddresses.MQTT_EXTERNAL_IN,
            Buffer.buffer(payload),
            new DeliveryOptions().setLocalOnly(true).addHeader(BusAddresses.TOPIC, topic));
  }

  private void up() {
    vertx
        .eventBus()
        .publish(BusAddresses.MQTT_EXTERNAL_UP, null, new DeliveryOptions().setLocalOnly(true));
  }
}
