package io.hearth.adapters.coap;

import io.hearth.runtime.testing.ChildProcess;
import io.hearth.runtime.testing.Peers;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** libcoap's coap-server (Debian libcoap3-bin) on a free loopback UDP port; DTLS on port + 1. */
public final class CoapServerPeer implements AutoCloseable {
  final int port;
  private final ChildProcess process;

  private CoapServerPeer(int port, ChildProcess process) {
    this.port = port;
    this.process = process;
  }

  /** Starts coap-server with these extra arguments ({@code -k key} turns DTLS-PSK on). */
  public static CoapServerPeer start(String... extra) throws Exception {
    Path binary = Peers.require("coap-server-openssl", "libcoap3-bin");
    int port = freeUdpPair();
    ChildProcess process =
        ChildProcess.of(binary.toString(), "-A", "127.0.0.1", "-p", String.valueOf(port))
            .args(extra)
            .start();
    process.await(
        Duration.ofSeconds(5), "coap-server binds UDP port " + port, () -> bound(port) ? 1 : null);
    return new CoapServerPeer(port, process);
  }

  public String url() {
    return "coap://127.0.0.1:" + port;
  }

  String secureUrl() {
    return "coaps://127.0.0.1:" + (port + 1);
  }

  /** A port p with p and p + 1 free for UDP on loopback. */
  static int freeUdpPair() throws SocketException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (DatagramSocket first =
          new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
        int port = first.getLocalPort();
        if (port < 65535 && free(port + 1)) {
          return port;
        }
      }
    }
    throw new IllegalStateException("no free UDP port pair");
  }

  /** Whether a socket is bound to 127.0.0.1:port for UDP (read, not probed: no race with it). */
  private static boolean bound(int port) throws IOException {
    String local = String.format(" 0100007F:%04X ", port);
    return Files.readString(Path.of("/proc/net/udp")).contains(local);
  }

  private static boolean free(int port) {
    try (DatagramSocket probe =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      return probe.getLocalPort() == port;
    } catch (SocketException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      process.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
