package io.hearth.bridge.hub;

import io.hearth.bridge.BridgeIdentity;
import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub side of the blind relay: off by default, and then the hub opens no connection to any
 * relay. When on, and while the owner leaves watching from away on ({@link AwayViewing}), one
 * outbound {@link io.hearth.bridge.link.RelayLink} (through the egress ledger, which records the
 * relay's host as declared), kept open: when it drops or the relay cannot be reached the hub tries
 * again after a jittered backoff (250 ms doubling to 30 s), and reports where it stands for the
 * owner ({@link BridgeState}, {@code GET /api/v1/bridge}); each viewer the relay joins runs the
 * end-to-end channel with a display paired on the home network ({@link RemoteViewer}).
 */
public final class BridgeModule implements HubModule {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeModule.class);

  private AwayViewing away;

  @Override
  public String name() {
    return "bridge";
  }

  @Override
  public String description() {
    return "reach your cameras from away through a blind relay (end to end, keys pinned at"
        + " pairing)";
  }

  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public int startOrder() {
    return API_START_ORDER + 100;
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return BridgeSettings.keys();
  }

  @Override
  public Future<Void> start(ModuleContext hub) {
    URI relay;
    try {
      relay =
          relayUrl(
              hub.config(BridgeSettings.RELAY_URL), hub.config(BridgeSettings.ALLOW_PLAIN_RELAY));
    } catch (HubException e) {
      return Future.failedFuture(e);
    }
    boolean tls = "wss".equals(relay.getScheme());
    int port = relay.getPort() > 0 ? relay.getPort() : tls ? 443 : 80;
    if (!tls) {
      LOG.warn(
          "bridge: the relay URL is ws:// (bridge.allow-plain-relay): no TLS to the relay; the"
              + " video stays end to end, but the network sees the hub's relay id and timing");
    }
    hub.egress().declare(relay.getHost());
    return hub.vertx()
        .executeBlocking(() -> BridgeIdentity.load(hub.dataDir()))
        .compose(
            identity -> {
              away = new AwayViewing(hub, identity, options(hub, tls), relay.getHost(), port);
              hub.settings()
                  .onChange(
                      BridgeSettings.AWAY_VIEWING,
                      live -> away.switchTo(live.get(BridgeSettings.AWAY_VIEWING)));
              return away.start(hub.settings().live().get(BridgeSettings.AWAY_VIEWING));
            });
  }

  private static WebSocketClientOptions options(ModuleContext hub, boolean tls) {
    if (!tls) {
      return new WebSocketClientOptions();
    }
    WebSocketClientOptions options = new WebSocketClientOptions().setSsl(true).setVerifyHost(true);
    String ca = hub.config(BridgeSettings.RELAY_CA);
    if (!ca.isBlank()) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(ca));
    }
    return options;
  }

  /** The relay's URL: wss:// naming a host, or ws:// too when {@code allowPlain}. */
  static URI relayUrl(String text, boolean allowPlain) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    boolean plain = uri != null && "ws".equals(uri.getScheme());
    if (plain && !allowPlain) {
      throw new HubException(
          400,
          "bad_config",
          "bridge.relay-url is ws:// (no TLS); use wss://, or set bridge.allow-plain-relay=true"
              + " for a relay without TLS");
    }
    if (uri == null || uri.getHost() == null || !(plain || "wss".equals(uri.getScheme()))) {
      throw new HubException(
          400,
          "bad_config",
          "bridge.relay-url must be a wss:// URL naming the relay (bridge.enabled is true)");
    }
    return uri;
  }

  @Override
  public Future<Void> stop() {
    return away == null ? Future.succeededFuture() : away.stop();
  }
}
