package io.hearth.api.mqtt;

import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT part of the local API, started and stopped by the api module: in {@code embedded} mode
 * (the default) it runs the hub's own broker; in {@code external} mode it publishes the hub's
 * topics and Home Assistant discovery on the broker the MQTT adapter is connected to; {@code off}:
 * nothing.
 */
public final class MqttApi {
  private static final Logger LOG = LoggerFactory.getLogger(MqttApi.class);

  private BrokerVerticle verticle;
  private HubTopics topics;
  private String deployment;
  private ModuleContext hub;

  /** Starts the broker if the configuration wants it; fails if a listener cannot bind. */
  public Future<Void> start(ModuleContext context) {
    this.hub = context;
    String mode = context.config(MqttBrokerSettings.MODE).toLowerCase(Locale.ROOT);
    return switch (mode) {
      case "embedded" -> embedded(context);
      case "external" -> external(context);
      case "off" -> {
        LOG.info("MQTT: api.mqtt.mode is off; the hub's own broker is not started");
        yield Future.succeededFuture();
      }
      default ->
          Future.failedFuture(
              new IllegalArgumentException(
                  "api.mqtt.mode must be embedded, external or off, not '" + mode + "'"));
    };
  }

  /** The hub's own broker, and the hub's topics on it. */
  private Future<Void> embedded(ModuleContext context) {
    TopicOwners owners = new TopicOwners();
    verticle = new BrokerVerticle(context, owners);
    return context
        .vertx()
        .deployVerticle(verticle)
        .onSuccess(id -> deployment = id)
        .compose(
            id -> {
              HubCommands commands = new HubCommands(context, false);
              topics = new HubTopics(context, verticle.router(), owners, commands);
              return topics.start();
            });
  }

  /** The hub's topics on the MQTT adapter's broker; they follow whenever it is reachable. */
  private Future<Void> external(ModuleContext context) {
    LOG.info(
        "MQTT: api.mqtt.mode is external; the hub's topics and Home Assistant discovery go to"
            + " the MQTT adapter's broker (mqtt.url)");
    HubCommands commands =
        new HubCommands(context, context.config(MqttBrokerSettings.EXTERNAL_COMMANDS));
    topics = new HubTopics(context, new ExternalBroker(context.vertx()), null, commands);
    topics
        .start()
        .onFailure(
            e ->
                LOG.warn(
                    "MQTT: the external broker is not reachable yet ({}); the hub's topics"
                        + " follow once it is",
                    e.getMessage()));
    return Future.succeededFuture();
  }

  /** Stops the broker and writes its last state; idempotent. */
  public Future<Void> stop() {
    if (deployment == null) {
      // External: the adapter's last will says offline if it goes first; say it now if it is up.
      return topics == null ? Future.succeededFuture() : topics.stop().otherwiseEmpty();
    }
    String id = deployment;
    deployment = null;
    Future<Void> said = topics == null ? Future.succeededFuture() : topics.stop();
    // The hub's offline word is retained (and stored) before the broker goes.
    return said.otherwiseEmpty().compose(v -> hub.vertx().undeploy(id));
  }

  /** The running broker for the rest of the hub, or null when it is not embedded. */
  public LocalBroker broker() {
    return deployment == null ? null : verticle.router();
  }
}
