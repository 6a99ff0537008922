package io.hearth.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test network carries multicast between this JVM and the far side, and nowhere else. */
class TestNetworkTest {
  @TempDir Path dir;

  @Test
  void multicastCrossesTheVethBothWays() throws Exception {
    Peers.require("python3", "python3");
    try (TestNetwork net = TestNetwork.create()) {
      Path log = dir.resolve("peer.log");
      // The far side answers the first multicast datagram it gets, by unicast to the sender.
      String echo =
          "import socket,struct\n"
              + "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
              + "s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
              + "s.bind(('',3702))\n"
              + "s.setsockopt(socket.IPPROTO_IP,socket.IP_ADD_MEMBERSHIP,"
              + "struct.pack('4s4s',socket.inet_aton('239.255.255.250'),"
              + "socket.inet_aton('"
              + net.peerAddress().getHostAddress()
              + "')))\n"
              + "print('ready',flush=True)\n"
              + "d,a=s.recvfrom(100)\n"
              + "s.sendto(b'echo:'+d,a)\n";
      net.start(List.of("python3", "-c", echo), log);
      Eventually.check(
          Duration.ofSeconds(5),
          "the echo peer says ready",
          () -> Files.exists(log) && Files.readString(log).contains("ready"));
      try (MulticastSocket socket =
          new MulticastSocket(new InetSocketAddress(net.hostAddress(), 0))) {
        socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, net.hostNetworkInterface());
        socket.setSoTimeout(3000);
        byte[] probe = "probe".getBytes(StandardCharsets.UTF_8);
        socket.send(
            new DatagramPacket(
                probe, probe.length, InetAddress.getByName("239.255.255.250"), 3702));
        DatagramPacket answer = new DatagramPacket(new byte[100], 100);
        socket.receive(answer);
        assertEquals(
            "echo:probe",
            new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8));
        assertEquals(net.peerAddress(), answer.getAddress());
      }
      InetAddress moved = net.movePeer(77);
      assertTrue(
          net.inside("ip", "-4", "addr", "show", "dev", "eth0").contains(moved.getHostAddress()));
    }
  }
}
