package io.hearth.bridge.relay;

import io.hearth.bridge.wire.RelayIds;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final AtomicLong handedOver = new AtomicLong();

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
   * Listens on one event loop per {@link RelaySettings#eventLoops()} (Vert.x hands each new
   * connection to the next); completes with the bound port. A hub's connection and its streams'
   * state stay on the hub's loop, where a viewer on another loop has its events posted ({@link
   * Loop}), and the cluster's part runs on the first loop: so no state is shared between threads
   * but the node's map of hubs.
   */
  public Future<Integer> start(HttpServerOptions options) {
    options
        .setMaxWebSocketFrameSize(settings.maxFrameBytes())
        .setMaxWebSocketMessageSize(settings.maxFrameBytes())
        .setIdleTimeout(settings.idleTimeoutSeconds())
        // A hub sends its frames unmasked (RelayLink): browsers still mask theirs.
        .setAcceptUnmaskedFrames(true);
    if (options.getPort() == 0) {
      // Vert.x shares a port between the servers of several loops only when it is named: a free
      // one is named here (port 0 is for tests and benchmarks; a relay has its port configured).
      try {
        options.setPort(freePort(options.getHost()));
      } catch (java.io.IOException e) {
        return Future.failedFuture(e);
      }
    }
    int more = Math.max(0, settings.eventLoops() - 1);
    return deploy(options, 1, true)
        .compose(port -> more == 0 ? Future.succeededFuture(port) : deploy(options, more, false));
  }

  private static int freePort(String host) throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
      socket.bind(new java.net.InetSocketAddress(host == null ? "0.0.0.0" : host, 0));
      return socket.getLocalPort();
    }
  }

  /** {@code instances} listeners, each on its own event loop; the first also starts the router. */
  private Future<Integer> deploy(HttpServerOptions options, int instances, boolean first) {
    AtomicInteger port = new AtomicInteger();
    return vertx
        .deployVerticle(
            () ->
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    return (first ? router.start() : Future.succeededFuture())
                        .compose(v -> listen(options))
                        .onSuccess(port::set);
                  }
                },
            new DeploymentOptions().setInstances(instances))
        .map(id -> port.get());
  }

  /** Called by the cluster when a member left (any thread). */
  public void nodeLeft(String nodeId) {
    router.nodeLeft(nodeId);
  }

  private Future<Integer> listen(HttpServerOptions options) {
    HttpServer server = vertx.createHttpServer(options);
    server.webSocketHandler(this::accept);
    server.requestHandler(r -> r.response().setStatusCode(404).end());
    return server
        .listen()
        .map(
            s -> {
              servers.add(s);
              if (servers.size() == 1) {
                LOG.info(
                    "relay listening on port {} as {}, {} event loop(s)",
                    s.actualPort(),
                    settings.publicName(),
                    settings.eventLoops());
              }
              return s.actualPort();
            });
  }

  public Future<Void> stop() {
    return Future.all(servers.stream().map(HttpServer::close).toList()).mapEmpty();
  }

  /** Hubs connected now (their ids). */
  public java.util.Set<String> hubs() {
    return java.util.Set.copyOf(hubs.keySet());
  }

  /** Viewers so far whose socket was on another event loop than their hub's. */
  long viewersHandedOver() {
    return handedOver.get();
  }

  /**
   * Bytes the relay holds for viewers right now, all streams together (bounded by credit): each
   * hub's share counted on its own loop, the forwarded viewers' on the router's.
   */
  public Future<Long> bufferedBytes() {
    List<Future<Long>> parts = new java.util.ArrayList<>();
    hubs.values().forEach(hub -> parts.add(hub.loop().call(hub::bufferedBytes)));
    parts.add(router.heldBytes());
    return Future.all(parts).map(all -> parts.stream().mapToLong(Future::result).sum());
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
      return;
    }
    if (!hub.loop().isCurrent()) {
      ws.pause(); // until its stream is set up on the hub's loop
      handedOver.incrementAndGet();
    }
    hub.loop()
        .run(
            () -> {
              if (!hub.open(ws)) {
                ws.close((short) RelayCodes.TOO_MANY, "too many viewers on this hub");
              }
            });
  }

  /** On the new connection's loop. */
  private void registered(HubConnection hub) {
    HubConnection before = hubs.put(hub.id(), hub);
    if (before != null) {
      before.loop().run(before::replaced);
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
