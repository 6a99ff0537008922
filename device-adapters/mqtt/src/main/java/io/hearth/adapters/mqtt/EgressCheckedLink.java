package io.hearth.adapters.mqtt;

import io.hearth.adapters.mqtt.convention.OutboundMessage;
import io.hearth.runtime.net.egress.Egress;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.net.URI;
import java.util.Collection;
import java.util.function.BiConsumer;

/**
 * The link to an external broker behind the egress ledger: each connect asks first, so a broker
 * outside the home network is reached only if the owner allowed its host (and is recorded).
 */
final class EgressCheckedLink implements MqttLink {
  private final MqttLink link;
  private final Egress egress;
  private final URI broker;

  EgressCheckedLink(MqttLink link, Egress egress, URI broker) {
    this.link = link;
    this.egress = egress;
    this.broker = broker;
  }

  /** Wraps every link the factory makes for a configured broker. */
  static MqttBridge.LinkFactory around(MqttBridge.LinkFactory links, Egress egress) {
    return (context, settings) ->
        new EgressCheckedLink(links.create(context, settings), egress, URI.create(settings.url()));
  }

  @Override
  public Future<Void> connect() {
    return egress.check("MQTT broker " + broker.getHost(), broker).compose(v -> link.connect());
  }

  @Override
  public Future<Void> subscribe(Collection<String> filters, int qos) {
    return link.subscribe(filters, qos);
  }

  @Override
  public Future<Void> unsubscribe(Collection<String> filters) {
    return link.unsubscribe(filters);
  }

  @Override
  public Future<Void> publish(OutboundMessage message) {
    return link.publish(message);
  }

  @Override
  public Future<Void> disconnect() {
    return link.disconnect();
  }

  @Override
  public boolean isConnected() {
    return link.isConnected();
  }

  @Override
  public MqttLink messageHandler(BiConsumer<String, byte[]> handler) {
    link.messageHandler(handler);
    return this;
  }

  @Override
  public MqttLink connectionLostHandler(Handler<Throwable> handler) {
    link.connectionLostHandler(handler);
    return this;
  }
}
