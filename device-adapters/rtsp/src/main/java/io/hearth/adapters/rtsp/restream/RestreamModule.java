package io.hearth.adapters.rtsp.restream;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.net.ConnectionSettings;
import io.hearth.runtime.session.Restreams;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The re-stream: an RTSP server (TCP interleaved, and the same over TLS) that serves a camera's
 * live H.264/H.265 to local tools as one more viewer of the camera's feed. Nothing is served until
 * the owner turns a camera's re-stream on and a token holding a live grant on it has a re-stream
 * credential; see {@link RestreamConnection}.
 */
public final class RestreamModule implements HubModule {
  private final List<NetServer> servers = new ArrayList<>();

  @Override
  public String name() {
    return "restream";
  }

  @Override
  public String description() {
    return "RTSP(S) re-stream of opted-in cameras for Frigate, go2rtc and Home Assistant";
  }

  @Override
  public int startOrder() {
    return API_START_ORDER + 10;
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return RestreamSettings.keys();
  }

  @Override
  public Future<Void> start(ModuleContext hub) {
    try {
      Restreams restreams =
          new Restreams(hub.sessions(), hub.switchboard(), hub.access(), hub.audit());
      Future<Void> plain = listen(hub, restreams, false);
      return hub.config(RestreamSettings.TLS_ENABLED)
          ? plain.compose(v -> listen(hub, restreams, true))
          : plain;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    servers.forEach(server -> closing.add(server.close()));
    servers.clear();
    return Future.join(closing).mapEmpty();
  }

  private Future<Void> listen(ModuleContext hub, Restreams restreams, boolean tls) {
    String name = tls ? "rtsps" : "rtsp";
    ConfigKey<Integer> port = tls ? RestreamSettings.TLS_PORT : RestreamSettings.PORT;
    RestreamContext context =
        new RestreamContext(
            hub,
            restreams,
            ConnectionSettings.listener(hub.connections(), hub.config(), name),
            tls);
    NetServer server = hub.vertx().createNetServer(options(hub, tls).setPort(hub.config(port)));
    server.connectHandler(socket -> RestreamConnection.accept(context, socket));
    return server
        .listen()
        .map(
            bound -> {
              servers.add(bound);
              hub.reportPort(port, bound.actualPort());
              return null;
            });
  }

  private static NetServerOptions options(ModuleContext hub, boolean tls) {
    NetServerOptions options =
        new NetServerOptions()
            .setHost(hub.config(RestreamSettings.HOST))
            .setIdleTimeout(hub.config(ConnectionSettings.IDLE_TIMEOUT_SECONDS))
            .setIdleTimeoutUnit(TimeUnit.SECONDS);
    if (tls) {
      options
          .setSsl(true)
          .setSslHandshakeTimeout(hub.config(ConnectionSettings.HANDSHAKE_TIMEOUT_SECONDS))
          .setSslHandshakeTimeoutUnit(TimeUnit.SECONDS)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setCertPath(hub.certificates().certificate().toString())
                  .setKeyPath(hub.certificates().key().toString()));
    }
    return options;
  }
}
