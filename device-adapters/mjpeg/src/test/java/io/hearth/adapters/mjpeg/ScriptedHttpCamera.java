package io.hearth.adapters.mjpeg;

import io.hearth.runtime.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * A misbehaving camera for tests: a raw TCP server on loopback that reads each HTTP request head
 * and hands it, with the socket, to a script that writes whatever bytes the test wants.
 */
final class ScriptedHttpCamera {
  private final NetServer server;

  private ScriptedHttpCamera(NetServer server) {
    this.server = server;
  }

  /** Starts the server; the script gets the request head (text) and the socket. */
  static ScriptedHttpCamera start(Vertx vertx, BiConsumer<String, NetSocket> script)
      throws Exception {
    NetServer server =
        vertx
            .createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
            .connectHandler(socket -> readHead(socket, script));
    return new ScriptedHttpCamera(Await.get(server.listen()));
  }

  private static void readHead(NetSocket socket, BiConsumer<String, NetSocket> script) {
    Buffer head = Buffer.buffer();
    boolean[] answered = {false};
    socket.handler(
        data -> {
          if (answered[0]) {
            return;
          }
          head.appendBuffer(data);
          String text = head.toString(StandardCharsets.ISO_8859_1);
          if (text.contains("\r\n\r\n")) {
            answered[0] = true;
            script.accept(text, socket);
          }
        });
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.actualPort() + path);
  }

  static Buffer ascii(String text) {
    return Buffer.buffer(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The head of a 200 answer with the given Content-Type, without a length: it streams. */
  static Buffer streamHead(String contentType) {
    return ascii(
        "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n\r\n");
  }

  /** One multipart part carrying {@code jpeg}, with a Content-Length. */
  static Buffer part(String boundary, byte[] jpeg) {
    return ascii("--" + boundary + "\r\nContent-Type: image/jpeg\r\n")
        .appendBuffer(ascii("Content-Length: " + jpeg.length + "\r\n\r\n"))
        .appendBytes(jpeg)
        .appendBuffer(ascii("\r\n"));
  }

  void close() throws Exception {
    Await.get(server.close());
  }
}
