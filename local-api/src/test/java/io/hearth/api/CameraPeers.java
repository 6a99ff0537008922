package io.hearth.api;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cameras that answer but never stream, for error paths with real requests: an HTTP camera that
 * answers 404 (401 with a Basic challenge under /auth), an RTSP camera that answers every request
 * 404, and a closed port. Each keeps the requests it received, so a test can tell that the hub sent
 * the camera its secrets.
 */
final class CameraPeers implements AutoCloseable {
  final List<String> requests = new CopyOnWriteArrayList<>();
  private final HttpServer http;
  private final ServerSocket rtsp;
  final int closedPort;

  CameraPeers() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", this::answerHttp);
    http.start();
    rtsp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptRtsp, "rtsp-404-camera");
    acceptor.setDaemon(true);
    acceptor.start();
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
  }

  int httpPort() {
    return http.getAddress().getPort();
  }

  int rtspPort() {
    return rtsp.getLocalPort();
  }

  private void answerHttp(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    requests.add(
        "HTTP "
            + exchange.getRequestURI().getRawPath()
            + "?"
            + exchange.getRequestURI().getRawQuery());
    int status = 404;
    if (exchange.getRequestURI().getPath().startsWith("/auth")) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"cam\"");
      status = 401;
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private void acceptRtsp() {
    while (!rtsp.isClosed()) {
      try {
        Socket socket = rtsp.accept();
        Thread reader = new Thread(() -> answerRtsp(socket), "rtsp-404-connection");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Answers each request 404, echoing its CSeq. */
  private void answerRtsp(Socket socket) {
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      OutputStream out = socket.getOutputStream();
      String cseq = "0";
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("CSeq:")) {
          cseq = line.substring(5).trim();
        } else if (line.contains(" rtsp://")) {
          requests.add("RTSP " + line);
        } else if (line.isEmpty()) {
          String answer = "RTSP/1.0 404 Not Found\r\nCSeq: " + cseq + "\r\n\r\n";
          out.write(answer.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    } catch (IOException e) {
      // the hub hung up
    }
  }

  @Override
  public void close() throws IOException {
    http.stop(0);
    rtsp.close();
  }
}
