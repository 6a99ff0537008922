package io.hearth.adapters.coap;

import io.hearth.runtime.testing.Peers;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** libcoap's coap-server (Debian libcoap3-bin) on a free loopback UDP port; DTLS on port + 1. */
public final class CoapServerPeer implements AutoCloseable {
  final int port;
  private final Process process;

  private CoapServerPeer(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts coap-server with these extra arguments ({@code -k key} turns DTLS-PSK on). */
  public static CoapServerPeer start(String... extra) throws IOException, InterruptedException {
    Path binary = Peers.require("coap-server-openssl", "libcoap3-bin");
    int port = freeUdpPair();
    List<String> command =
        new ArrayList<>(List.of(binary.toString(), "-A", "127.0.0.1", "-p", String.valueOf(port)));
    command.addAll(List.of(extra));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Thread.sleep(300);
    if (!process.isAlive()) {
      throw new IllegalStateException("coap-server exited at once: " + command);
    }
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
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
