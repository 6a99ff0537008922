package io.hearth.bridge.relay;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A remote viewer the way a display behaves: connects to one relay node naming a hub, and when the
 * relay closes its stream with "hub moved" (4307), "hub gone" (4503) or "unknown hub" (4404) it
 * reconnects, to the next node in its list, after a short pause. Counts what it received, keeps
 * every message for the test to inspect, and records each close code.
 */
final class TestViewer {
  private static final List<Integer> RECONNECT = List.of(4307, 4503, 4404);

  final BlockingQueue<Buffer> received = new LinkedBlockingQueue<>();
  final AtomicLong bytes = new AtomicLong();
  final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
  final AtomicReference<WebSocket> socket = new AtomicReference<>();
  private final Vertx vertx;
  private final WebSocketClient client;
  private final List<Integer> ports;
  private final String hubId;
  private volatile boolean stopped;
  private volatile String greeting;
  private int next;

  TestViewer(Vertx vertx, WebSocketClientOptions options, List<Integer> ports, String hubId) {
    this.vertx = vertx;
    this.client = vertx.createWebSocketClient(options);
    this.ports = ports;
    this.hubId = hubId;
  }

  /** A message sent on every (re)connection, as a display sends its session request. */
  TestViewer greeting(String text) {
    this.greeting = text;
    return this;
  }

  void connect() {
    int port = ports.get(next % ports.size());
    client
        .connect(
            new WebSocketConnectOptions()
                .setHost("localhost")
                .setPort(port)
                .setURI("/v1/view/" + hubId))
        .onSuccess(this::connected)
        .onFailure(e -> again());
  }

  void send(String text) {
    WebSocket ws = socket.get();
    if (ws != null) {
      ws.writeBinaryMessage(Buffer.buffer(text));
    }
  }

  void stop() {
    stopped = true;
    client.close();
  }

  private void connected(WebSocket ws) {
    socket.set(ws);
    if (greeting != null) {
      ws.writeBinaryMessage(Buffer.buffer(greeting));
    }
    ws.binaryMessageHandler(
        b -> {
          bytes.addAndGet(b.length());
          received.add(b);
        });
    ws.closeHandler(
        v -> {
          closeCodes.add((int) (ws.closeStatusCode() == null ? 0 : ws.closeStatusCode()));
          if (RECONNECT.contains((int) ws.closeStatusCode())) {
            again();
          }
        });
  }

  private void again() {
    if (!stopped) {
      next++;
      vertx.setTimer(100, t -> connect());
    }
  }
}
