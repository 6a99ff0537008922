package io.hearth.api.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Raw clients of the hub's listeners for flood tests: plain or TLS sockets from a chosen loopback
 * source address, an MQTT 3.1.1 CONNECT written by hand, and checks of what came back (a CONNACK
 * code, an HTTP status, or the server's close).
 */
public final class RawClients {
  private RawClients() {}

  /** A TCP connection from {@code source} (e.g. 127.0.0.2) to the hub on loopback. */
  public static Socket tcp(String source, int port) throws IOException {
    Socket socket = new Socket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(source, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    return socket;
  }

  /** A TLS connection from {@code source}, handshake done (null tls: plain TCP). */
  public static Socket open(SSLContext tls, String source, int port) throws IOException {
    Socket plain = tcp(source, port);
    if (tls == null) {
      return plain;
    }
    SSLSocket socket =
        (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", port, true);
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    return socket;
  }

  /** An MQTT 3.1.1 CONNECT (clean session, keep-alive 60 s) with any user name and a password. */
  public static byte[] mqttConnect(String clientId, String password) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, "MQTT");
    body.write(4);
    body.write(0b1100_0010);
    body.write(0);
    body.write(60);
    writeString(body, clientId);
    writeString(body, "flood");
    writeString(body, password);
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(0x10);
    int length = body.size();
    do {
      int digit = length % 128;
      length /= 128;
      packet.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    packet.writeBytes(body.toByteArray());
    return packet.toByteArray();
  }

  /** Sends CONNECT and returns the CONNACK's return code, or -1 if the server just closed. */
  public static int mqttHandshake(Socket socket, String clientId, String password)
      throws IOException {
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write(mqttConnect(clientId, password));
    socket.getOutputStream().flush();
    byte[] ack = socket.getInputStream().readNBytes(4);
    return ack.length == 4 && ack[0] == 0x20 ? ack[3] : -1;
  }

  /** Sends {@code GET path} and returns the status code of the answer, or -1 if none came. */
  public static int httpGet(Socket socket, String path) throws IOException {
    socket.setSoTimeout(10_000);
    String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    byte[] head = socket.getInputStream().readNBytes(12);
    String line = new String(head, StandardCharsets.US_ASCII);
    return line.startsWith("HTTP/1.1 ") ? Integer.parseInt(line.substring(9, 12)) : -1;
  }

  /** Whether the server has closed this connection (read end of stream or a reset) by now. */
  public static boolean closedByServer(Socket socket, int waitMs) throws IOException {
    socket.setSoTimeout(waitMs);
    InputStream in = socket.getInputStream();
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** Closes quietly. */
  public static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static void writeString(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes.length >> 8);
    out.write(bytes.length & 0xff);
    out.writeBytes(bytes);
  }
}
