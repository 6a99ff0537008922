package io.hearth.api.mqtt;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.spi.BusAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The external broker as {@link HubTopics} sees it in {@code api.mqtt.mode: external}: publishes
 * and subscriptions travel over the event bus to the MQTT adapter, which holds the one connection
 * to that broker ({@code mqtt.url}), behind the egress ledger. Messages arriving there carry no
 * client identity: they are attributed to {@link #PUBLISHER}. Retained messages cannot be listed,
 * so nothing is swept there.
 */
final class ExternalBroker implements HubBroker {
  /** Whoever publishes on the external broker, as audited. */
  static final Principal PUBLISHER =
      new Principal(PrincipalKind.AUTOMATION, "mqtt-external", "external MQTT broker", null, null);

  private static final Logger LOG = LoggerFactory.getLogger(ExternalBroker.class);

  private final Vertx vertx;
  private final Set<String> filters = ConcurrentHashMap.newKeySet();

  ExternalBroker(Vertx vertx) {
    this.vertx = vertx;
    // The adapter may start after the API: ask again each time its broker is connected.
    vertx
        .eventBus()
        .localConsumer(BusAddresses.MQTT_EXTERNAL_UP, m -> filters.forEach(this::askFor));
  }

  @Override
  public Future<Void> publish(String topic, Buffer payload, int qos, boolean retain) {
    DeliveryOptions headers =
        new DeliveryOptions()
            .setLocalOnly(true)
            .addHeader(BusAddresses.TOPIC, topic)
            .addHeader(BusAddresses.QOS, Integer.toString(qos))
            .addHeader(BusAddresses.RETAIN, Boolean.toString(retain));
    return vertx
        .eventBus()
        .request(BusAddresses.MQTT_EXTERNAL_PUBLISH, payload, headers)
        .mapEmpty();
  }

  @Override
  public Future<Registration> subscribe(String filter, Consumer<Message> handler) {
    MessageConsumer<Buffer> consumer =
        vertx
            .eventBus()
            .localConsumer(
                BusAddresses.MQTT_EXTERNAL_IN,
                m -> {
                  String topic = m.headers().get(BusAddresses.TOPIC);
                  if (topic != null && Topics.matches(filter, topic)) {
                    handler.accept(new Message(topic, m.body(), 1, false, PUBLISHER));
                  }
                });
    filters.add(filter);
    askFor(filter);
    return Future.succeededFuture(consumer::unregister);
  }

  private void askFor(String filter) {
    vertx
        .eventBus()
        .request(
            BusAddresses.MQTT_EXTERNAL_SUBSCRIBE, filter, new DeliveryOptions().setLocalOnly(true))
        .onFailure(e -> LOG.debug("MQTT: {} not subscribed yet: {}", filter, e.getMessage()));
  }

  @Override
  public Future<List<Message>> retainedMatching(String filter) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public boolean embedded() {
    return false;
  }
}
