package io.hearth.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A relay that mixes up two homes on purpose, in front of the real one for viewers (displays
 * connect here as if to the relay, under the relay's name and certificate): with {@link
 * #swapAtConnect} a viewer naming home A is joined to home B and the other way round; with {@link
 * #swapNow} viewers already joined to their own homes from then on get each other's bytes (each
 * way). Hubs stay connected to the real relay.
 */
final class SwappingProxy implements AutoCloseable {
  private static final int MAX_MESSAGE = 1 << 20;

  private final HttpServer server;
  private final WebSocketClient client;
  private final int relayPort;
  private final String homeA;
  private final String homeB;
  private final Map<String, Leg> legs = new ConcurrentHashMap<>();
  volatile boolean swapAtConnect;
  private volatile boolean swapped;
  final int port;

  private record Leg(ServerWebSocket viewer, WebSocket upstream) {}

  SwappingProxy(
      Vertx vertx, SelfSignedCertificate certificate, int relayPort, String homeA, String homeB)
      throws Exception {
    this.relayPort = relayPort;
    this.homeA = homeA;
    this.homeB = homeB;
    client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setSsl(true)
                .setTrustOptions(certificate.trustOptions())
                .setMaxFrameSize(MAX_MESSAGE)
                .setMaxMessageSize(MAX_MESSAGE));
    server =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setSsl(true)
                    .setKeyCertOptions(certificate.keyCertOptions())
                    .setMaxWebSocketFrameSize(MAX_MESSAGE)
                    .setMaxWebSocketMessageSize(MAX_MESSAGE))
            .webSocketHandler(this::viewer);
    port = server.listen(0, "localhost").await(10, TimeUnit.SECONDS).actualPort();
  }

  /** From now on each joined viewer gets the other home's bytes, and sends to the other home. */
  void swapNow() {
    swapped = true;
  }

  /** Back to relaying each viewer to its own home (for the next test). */
  void restore() {
    swapped = false;
    swapAtConnect = false;
  }

  private String other(String home) {
    return home.equals(homeA) ? homeB : homeA;
  }

  private void viewer(ServerWebSocket viewer) {
    String home = viewer.path().substring(viewer.path().lastIndexOf('/') + 1);
    String target = swapAtConnect ? other(home) : home;
    viewer.pause();
    client
        .connect(
            new WebSocketConnectOptions()
                .setHost("localhost")
                .setPort(relayPort)
                .setURI("/v1/view/" + target))
        .onFailure(e -> viewer.close())
        .onSuccess(
            upstream -> {
              Leg leg = new Leg(viewer, upstream);
              legs.put(home, leg);
              viewer.binaryMessageHandler(b -> leg(home).upstream().writeBinaryMessage(b));
              upstream.binaryMessageHandler(b -> leg(home).viewer().writeBinaryMessage(b));
              viewer.closeHandler(
                  v -> {
                    legs.remove(home, leg);
                    upstream.close();
                  });
              upstream.closeHandler(
                  v -> {
                    legs.remove(home, leg);
                    viewer.close();
                  });
              viewer.resume();
            });
  }

  /** The leg bytes of {@code home} go to: its own, or (swapped) the other home's if it has one. */
  private Leg leg(String home) {
    Leg other = legs.get(other(home));
    return swapped && other != null ? other : legs.get(home);
  }

  @Override
  public void close() {
    server.close();
    client.close();
  }
}
