package io.hearth.bridge.relay;

import io.hearth.bridge.wire.RelayIds;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blind relay: hubs connect out to it ({@code /v1/hub}) and prove the key their id is derived
 * from; remote viewers connect naming a hub ({@code /v1/view/<id>}) and are joined to it as one
 * framed, flow-controlled stream. It keeps no accounts, no keys of its own beyond its TLS
 * certificate, no media and no cache: what it forwards is the end-to-end channel's ciphertext, and
 * it logs counts only. It serves no web pages or code: a display's code always comes from its hub.
 */
public final class RelayServer {
  private static final Logger LOG = LoggerFactory.getLogger(RelayServer.class);
  static final String HUB_PATH = "/v1/hub";
  static final String VIEW_PATH = "/v1/view/";

  private final Vertx vertx;
  private final RelaySettings settings;
  private final Map<String, HubConnection> hubs = new ConcurrentHashMap<>();
  private final ClusterRouter router;
  private HttpServer server;

  /** A relay of one node (its own event bus and map). */
  public RelayServer(Vertx vertx, RelaySettings settings) {
    this(vertx, java.util.UUID.randomUUID().toString(), settings);
  }

  /** One node of a relay cluster: {@code nodeId} is its id on the (clustered) event bus. */
  public RelayServer(Vertx vertx, String nodeId, RelaySettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.router = new ClusterRouter(vertx, nodeId, settings, hubs);
  }

  /**
   * Listens; completes with the bound port. Every connection of this node, and its part of the
   * cluster, runs on one event-loop context, so a hub and its viewers never race.
   */
  public Future<Integer> start(HttpServerOptions options) {
    options
        .setMaxWebSocketFrameSize(settings.maxFrameBytes())
        .setMaxWebSocketMessageSize(settings.maxFrameBytes())
        .setIdleTimeout(settings.idleTimeoutSeconds());
    Promise<Integer> bound = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> listen(options).onComplete(bound));
    return bound.future();
  }

  /** Called by the cluster when a member left (any thread). */
  public void nodeLeft(String nodeId) {
    router.nodeLeft(nodeId);
  }

  private Future<Integer> listen(HttpServerOptions options) {
    server = vertx.createHttpServer(options);
    server.webSocketHandler(this::accept);
    server.requestHandler(r -> r.response().setStatusCode(404).end());
    return router
        .start()
        .compose(v -> server.listen())
        .map(
            s -> {
              LOG.info("relay listening on port {} as {}", s.actualPort(), settings.publicName());
              return s.actualPort();
            });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Hubs connected now (their ids). */
  public java.util.Set<String> hubs() {
    return java.util.Set.copyOf(hubs.keySet());
  }

  /** Bytes the relay holds for viewers right now, all streams together (bounded by credit). */
  public long bufferedBytes() {
    return hubs.values().stream().mapToLong(HubConnection::bufferedBytes).sum()
        + router.heldBytes();
  }

  private void accept(ServerWebSocket ws) {
    String path = ws.path();
    if (path.equals(HUB_PATH)) {
      new HubHandshake(vertx, ws, settings, this::registered).start();
    } else if (path.startsWith(VIEW_PATH)) {
      viewer(ws, path.substring(VIEW_PATH.length()));
    } else {
      ws.close((short) 4404, "unknown path");
    }
  }

  private void viewer(ServerWebSocket ws, String hubId) {
    if (!RelayIds.isWellFormed(hubId)) {
      ws.close((short) RelayCodes.UNKNOWN_HUB, "that hub is not connected to this relay");
      return;
    }
    HubConnection hub = hubs.get(hubId);
    if (hub == null) {
      router.forward(ws, hubId);
    } else if (!hub.open(ws)) {
      ws.close((short) RelayCodes.TOO_MANY, "too many viewers on this hub");
    }
  }

  private void registered(HubConnection hub) {
    HubConnection before = hubs.put(hub.id(), hub);
    if (before != null) {
      before.replaced();
    }
    hub.onClose(
        () -> {
          if (hubs.remove(hub.id(), hub)) {
            router.gone(hub);
          }
        });
    router.registered(hub);
  }
}
