package io.hearth.api;

import io.hearth.runtime.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A raw viewer for tests: opens a session's WebSocket and keeps every chunk it receives. */
final class StreamClient implements AutoCloseable {
  final JsonObject session;
  final List<byte[]> chunks = new CopyOnWriteArrayList<>();

  /** When each chunk arrived (epoch ms), in order. */
  final List<Long> arrivals = new CopyOnWriteArrayList<>();

  final CompletableFuture<Short> closed = new CompletableFuture<>();
  private final Vertx vertx;
  private WebSocket socket;

  private StreamClient(Vertx vertx, JsonObject session) {
    this.vertx = vertx;
    this.session = session;
  }

  /** Connects to the session's ws_url on the hub's loopback HTTP port; fails if refused. */
  static StreamClient connect(TestHub hub, JsonObject session) throws Exception {
    Vertx vertx = Vertx.vertx();
    StreamClient client = new StreamClient(vertx, session);
    WebSocketClient ws = vertx.createWebSocketClient();
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(hub.hub.context().ports().get("api.http-port"))
            .setURI(session.getString("ws_url"));
    try {
      // Handlers are set before the socket connects: the hub may send its first chunk (INIT) in
      // the same breath as the upgrade, and nothing may arrive before they are there.
      ClientWebSocket socket = ws.webSocket();
      socket.binaryMessageHandler(
          b -> {
            client.arrivals.add(System.currentTimeMillis());
            client.chunks.add(b.getBytes());
          });
      socket.closeHandler(v -> client.closed.complete(socket.closeStatusCode()));
      client.socket =
          socket
              .connect(options)
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    return client;
  }

  byte[] key() {
    return Base64.getUrlDecoder().decode(session.getString("key"));
  }

  /** Waits until at least n chunks arrived. */
  void awaitChunks(int n, long millis) throws InterruptedException {
    Eventually.within(Duration.ofMillis(millis), n + " chunks arrive", () -> chunks.size() >= n);
  }

  @Override
  public void close() {
    if (socket != null && !socket.isClosed()) {
      socket.close();
    }
    vertx.close();
  }
}
