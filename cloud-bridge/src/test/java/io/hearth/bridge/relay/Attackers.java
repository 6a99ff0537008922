package io.hearth.bridge.relay;

import io.hearth.bridge.wire.Frame;
import io.hearth.bridge.wire.HubKey;
import io.hearth.bridge.wire.HubProof;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the relay's bad-input tests throw at it: raw garbage on the TLS port, WebSocket frames that
 * are too big or come before a proof, idle sockets, and a hub that proves its key and then sends a
 * paused viewer far more than its credit.
 */
final class Attackers {
  private Attackers() {}

  /** Raw TCP garbage (not even TLS) on {@code count} connections. */
  static void garbage(int port, int count, List<Socket> held) throws IOException {
    Random random = new Random(7);
    byte[] junk = new byte[4096];
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket("localhost", port);
      random.nextBytes(junk);
      OutputStream out = socket.getOutputStream();
      out.write(junk);
      out.flush();
      held.add(socket);
    }
  }

  /** Idle TCP connections that never say a word. */
  static void idle(int port, int count, List<Socket> held) throws IOException {
    for (int i = 0; i < count; i++) {
      held.add(new Socket("localhost", port));
    }
  }

  /** Connects to {@code path} and sends {@code message}; completes with the close code. */
  static CompletableFuture<Integer> sendAndClose(
      WebSocketClient client, int port, String path, Buffer message) {
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    client
        .connect(new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI(path))
        .onFailure(closed::completeExceptionally)
        .onSuccess(
            ws -> {
              ws.closeHandler(v -> closed.complete(code(ws)));
              ws.writeBinaryMessage(message);
            });
    return closed;
  }

  /**
   * A hub that proves its key, then on every stream sends DATA as fast as its own socket takes it,
   * ignoring credit, up to {@code limit} bytes. {@code sent} counts what it wrote; {@code closed}
   * completes with the close code the relay gave it.
   */
  static Future<WebSocket> creditIgnoringHub(
      WebSocketClient client,
      int port,
      HubKey key,
      long limit,
      AtomicLong sent,
      CompletableFuture<Integer> closed) {
    // Handlers are set before connecting: the relay's challenge comes at once, and a handler set in
    // the connect future's callback could miss it (the hub then never proves its key: 4401).
    io.vertx.core.http.ClientWebSocket ws = client.webSocket();
    ws.closeHandler(v -> closed.complete(code(ws)));
    ws.binaryMessageHandler(m -> onFrame(ws, key, Frame.parse(m), limit, sent));
    return ws.connect(
        new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI("/v1/hub"));
  }

  private static void onFrame(WebSocket ws, HubKey key, Frame frame, long limit, AtomicLong sent) {
    try {
      if (frame.type() == Frame.CHALLENGE) {
        Buffer proof = HubProof.answer(key, "localhost", frame.payload().getBytes());
        ws.writeBinaryMessage(Frame.of(Frame.PROVE, 0, proof).encode());
      } else if (frame.type() == Frame.OPEN) {
        blast(ws, frame.stream(), limit, sent);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void blast(WebSocket ws, int stream, long limit, AtomicLong sent) {
    Buffer chunk =
        Frame.of(Frame.DATA, stream, Buffer.buffer(new byte[Frame.MAX_PAYLOAD])).encode();
    // isClosed first: writeQueueFull throws once the relay closed the socket, and an exception in
    // the drain handler can cost the close handler its call.
    while (!ws.isClosed() && !ws.writeQueueFull() && sent.get() < limit) {
      ws.writeBinaryMessage(chunk);
      sent.addAndGet(Frame.MAX_PAYLOAD);
    }
    if (sent.get() < limit && !ws.isClosed()) {
      ws.drainHandler(v -> blast(ws, stream, limit, sent));
    }
  }

  static int code(WebSocket ws) {
    return ws.closeStatusCode() == null ? 0 : ws.closeStatusCode();
  }
}
