package io.hearth.api;

import io.hearth.api.mqtt.MqttApi;
import io.hearth.api.mqtt.MqttBrokerSettings;
import io.hearth.api.settings.ApiSettings;
import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.discovery.Announcements;
import io.hearth.runtime.error.ExitCode;
import io.hearth.runtime.error.HubStartException;
import io.hearth.runtime.net.ConnectionSettings;
import io.hearth.runtime.net.Listener;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.store.ModuleSchema;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local API: HTTPS with the hub's own certificate on {@code api.port}, and plain HTTP on
 * loopback for local scripts. Serves the versioned REST API, its OpenAPI document and the pages.
 * Each listener admits connections within its limits (see {@link HttpGuard}).
 */
public final class ApiModule implements HubModule {
  private final List<HttpServer> servers = new ArrayList<>();
  private final MqttApi mqtt = new MqttApi();

  @Override
  public String name() {
    return "api";
  }

  @Override
  public String description() {
    return "local REST API over HTTPS, its web pages, and the hub's MQTT broker";
  }

  @Override
  public int startOrder() {
    return API_START_ORDER;
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    List<ConfigKey<?>> keys = new ArrayList<>(ApiSettings.keys());
    keys.addAll(MqttBrokerSettings.keys());
    return keys;
  }

  /** The MQTT broker's sessions, queues and retained messages. */
  @Override
  public ModuleSchema schema() {
    return ModuleSchema.of(MqttApi.class, "001-mqtt-broker.sql");
  }

  @Override
  public Future<Void> start(ModuleContext hub) {
    try {
      Router router = new ApiRouter(hub).build();
      Future<Void> https =
          listen(hub, router, tlsOptions(hub), ApiSettings.PORT, "https").map(v -> announce(hub));
      Future<Void> web = https;
      if (hub.config(ApiSettings.HTTP_ENABLED)) {
        HttpServerOptions plain = plainOptions(hub);
        web = https.compose(v -> listen(hub, router, plain, ApiSettings.HTTP_PORT, "http"));
      }
      return web.compose(v -> mqtt.start(hub));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> stop() {
    return mqtt.stop()
        .eventually(
            () -> {
              List<Future<Void>> closing = new ArrayList<>();
              servers.forEach(server -> closing.add(server.shutdown(2, TimeUnit.SECONDS)));
              servers.clear();
              return Future.join(closing).mapEmpty();
            });
  }

  /** The hub's own MQTT broker while it runs embedded; null otherwise. */
  public io.hearth.api.mqtt.LocalBroker broker() {
    return mqtt.broker();
  }

  private Future<Void> listen(
      ModuleContext hub,
      Router router,
      HttpServerOptions options,
      ConfigKey<Integer> portKey,
      String name) {
    Listener listener = ConnectionSettings.listener(hub.connections(), hub.config(), name);
    long headMs = hub.config(ConnectionSettings.REQUEST_HEAD_TIMEOUT_SECONDS) * 1000L;
    HttpGuard guard = new HttpGuard(hub.vertx(), listener, headMs);
    HttpServer server =
        hub.vertx()
            .createHttpServer(options)
            .connectionHandler(guard::connected)
            .requestHandler(guard.requests(router));
    return server
        .listen()
        .map(
            bound -> {
              servers.add(bound);
              hub.reportPort(portKey, bound.actualPort());
              return null;
            });
  }

  /** Lets discovery advertise the API (mDNS {@code _hearth._tcp}) now that its port is known. */
  private static Void announce(ModuleContext hub) {
    int port = hub.ports().get(ApiSettings.PORT.name());
    hub.announcements()
        .announce(Announcements.hub(hub.home(), hub.version(), hub.certificates(), port));
    return null;
  }

  private static HttpServerOptions tlsOptions(ModuleContext hub) {
    return common(hub)
        .setHost(hub.config(ApiSettings.HOST))
        .setPort(hub.config(ApiSettings.PORT))
        .setSsl(true)
        .setSslHandshakeTimeout(hub.config(ConnectionSettings.HANDSHAKE_TIMEOUT_SECONDS))
        .setSslHandshakeTimeoutUnit(TimeUnit.SECONDS)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(hub.certificates().certificate().toString())
                .setKeyPath(hub.certificates().key().toString()));
  }

  private static HttpServerOptions plainOptions(ModuleContext hub) {
    String host = hub.config(ApiSettings.HTTP_HOST);
    if (!isLoopback(host) && !hub.config(ApiSettings.HTTP_LAN)) {
      throw new HubStartException(
          ExitCode.USAGE,
          "api.http-host is "
              + host
              + ", which is not a loopback address; plain HTTP would carry tokens in clear on the"
              + " network. Use 127.0.0.1, or set api.http-lan: true if you really mean it.");
    }
    // HTTP/1.1 only: local scripts need nothing more, and h2c upgrades of requests with bodies
    // were seen to drop connections.
    return common(hub)
        .setHost(host)
        .setPort(hub.config(ApiSettings.HTTP_PORT))
        .setHttp2ClearTextEnabled(false);
  }

  private static HttpServerOptions common(ModuleContext hub) {
    return new HttpServerOptions()
        .setMaxInitialLineLength(4096)
        .setMaxHeaderSize(16_384)
        .setIdleTimeout(hub.config(ConnectionSettings.IDLE_TIMEOUT_SECONDS))
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxFormAttributeSize(hub.config(ApiSettings.MAX_BODY_BYTES));
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
