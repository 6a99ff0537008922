package io.hearth.api.mqtt;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.net.ConnectionSettings;
import io.hearth.runtime.net.Listener;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker on one event-loop context: loads the stored sessions and retained messages, then
 * listens in plain MQTT and MQTT over TLS, each within its connection limits. Each connection keeps
 * its access through the hub's access watch. Stopping closes the listeners and writes out the last
 * batch of state.
 */
final class BrokerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerVerticle.class);

  private final ModuleContext hub;
  private final BrokerLimits limits;
  private final TopicOwners owners;
  private final List<MqttServer> servers = new ArrayList<>();
  private BrokerStore store;
  private Broker broker;

  BrokerVerticle(ModuleContext hub, TopicOwners owners) {
    this.hub = hub;
    this.owners = owners;
    this.limits = BrokerLimits.from(hub);
  }

  /** The broker's internal API; valid once started. */
  Router router() {
    return broker.router;
  }

  @Override
  public Future<?> start() {
    store = new BrokerStore(hub.store(), vertx);
    return store
        .load()
        .compose(
            state -> {
              broker = build(state);
              return listen(plainOptions(), MqttBrokerSettings.PORT, "mqtt")
                  .compose(v -> listen(tlsOptions(), MqttBrokerSettings.TLS_PORT, "mqtt-tls"));
            });
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    servers.forEach(s -> closing.add(s.close()));
    return Future.join(closing).eventually(() -> store.flush());
  }

  private Broker build(StoredState state) {
    TopicTree tree = new TopicTree();
    RetainedMessages retained = new RetainedMessages(store, limits.maxRetained());
    state.retained().forEach(retained::restore);
    ClientSessions sessions = new ClientSessions(tree, store, vertx, limits);
    sessions.restore(state.sessions());
    Router router = new Router(tree, retained, context, limits);
    LOG.info("MQTT: {} retained messages restored", retained.size());
    return new Broker(limits, router, sessions, owners, hub, store);
  }

  private Future<Void> listen(MqttServerOptions options, ConfigKey<Integer> key, String name) {
    MqttServer server = MqttServer.create(vertx, options);
    Listener listener = ConnectionSettings.listener(hub.connections(), hub.config(), name);
    server.endpointHandler(new ConnectHandler(broker, listener));
    server.exceptionHandler(
        e ->
            broker.log.warn(
                "server:" + e.getClass().getName(),
                "MQTT: a connection failed: {} (logged once per kind)",
                String.valueOf(e.getMessage())));
    return server
        .listen()
        .map(
            bound -> {
              servers.add(bound);
              hub.reportPort(key, bound.actualPort());
              LOG.info("MQTT broker listening on {} ({})", bound.actualPort(), key.name());
              return null;
            });
  }

  private MqttServerOptions plainOptions() {
    MqttServerOptions options = new MqttServerOptions();
    options
        .setHost(hub.config(MqttBrokerSettings.HOST))
        .setPort(hub.config(MqttBrokerSettings.PORT))
        .setMaxMessageSize(limits.maxPacketBytes())
        .setTimeoutOnConnect(hub.config(ConnectionSettings.MQTT_CONNECT_TIMEOUT_SECONDS))
        .setAutoClientId(true)
        .setMaxClientIdLength(128);
    return options;
  }

  private MqttServerOptions tlsOptions() {
    MqttServerOptions options = plainOptions();
    options.setPort(hub.config(MqttBrokerSettings.TLS_PORT));
    options
        .setSsl(true)
        .setSslHandshakeTimeout(hub.config(ConnectionSettings.HANDSHAKE_TIMEOUT_SECONDS))
        .setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(hub.certificates().certificate().toString())
                .setKeyPath(hub.certificates().key().toString()));
    return options;
  }
}
