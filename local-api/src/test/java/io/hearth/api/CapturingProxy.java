package io.hearth.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/**
 * A TLS-terminating WebSocket proxy in front of the relay's hub side (plain WebSocket both ways
 * when there is no certificate, for a relay with relay.plain): the hub connects to it as to the
 * relay, and every message either way is recorded unmasked, as the relay receives and sends it.
 * With the display's own capture, that is everything the relay handles for a session.
 */
final class CapturingProxy implements AutoCloseable {
  private static final int MAX_MESSAGE = 1 << 20;

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final HttpServer server;
  private final WebSocketClient client;
  final int port;

  CapturingProxy(Vertx vertx, SelfSignedCertificate certificate, int relayPort) throws Exception {
    // Unmasked both ways, as the hub and the relay speak (RelayLink, RelayServer).
    WebSocketClientOptions toRelay =
        new WebSocketClientOptions()
            .setMaxFrameSize(MAX_MESSAGE)
            .setMaxMessageSize(MAX_MESSAGE)
            .setSendUnmaskedFrames(true);
    HttpServerOptions fromHub =
        new HttpServerOptions()
            .setMaxWebSocketFrameSize(MAX_MESSAGE)
            .setMaxWebSocketMessageSize(MAX_MESSAGE)
            .setAcceptUnmaskedFrames(true);
    if (certificate != null) {
      toRelay.setSsl(true).setTrustOptions(certificate.trustOptions());
      fromHub.setSsl(true).setKeyCertOptions(certificate.keyCertOptions());
    }
    client = vertx.createWebSocketClient(toRelay);
    server = vertx.createHttpServer(fromHub).webSocketHandler(hub -> forward(hub, relayPort));
    port = server.listen(0, "localhost").await(10, TimeUnit.SECONDS).actualPort();
  }

  private void forward(ServerWebSocket hub, int relayPort) {
    hub.pause();
    client
        .connect(
            new WebSocketConnectOptions().setHost("localhost").setPort(relayPort).setURI(hub.uri()))
        .onSuccess(relay -> join(hub, relay))
        .onFailure(e -> hub.close());
  }

  private void join(ServerWebSocket hub, WebSocket relay) {
    hub.binaryMessageHandler(b -> relay.writeBinaryMessage(record(b)));
    relay.binaryMessageHandler(b -> hub.writeBinaryMessage(record(b)));
    hub.closeHandler(v -> relay.close());
    relay.closeHandler(v -> hub.close());
    hub.resume();
  }

  private Buffer record(Buffer message) {
    synchronized (captured) {
      captured.writeBytes(message.getBytes());
    }
    return message;
  }

  byte[] captured() {
    synchronized (captured) {
      return captured.toByteArray();
    }
  }

  @Override
  public void close() {
    server.close();
    client.close();
  }
}
