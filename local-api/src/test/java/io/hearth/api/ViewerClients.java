package io.hearth.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The clients a storm's many viewers share: one HTTP/1.1 client for the API, and one Vert.x
 * WebSocket client (with room for thousands of connections) for their stream sessions.
 */
final class ViewerClients implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final WebSocketClient ws =
      vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10_000));
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Override
  public void close() {
    vertx.close();
  }
}
