package io.hearth.adapters.rtsp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hearth.runtime.testing.ChildProcess;
import io.hearth.runtime.testing.Ffmpeg;
import io.hearth.runtime.testing.Peers;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real, independent H.264 RTP sender: ffmpeg encodes a test pattern with libx264 and sends it to
 * a loopback UDP port; the access units must come out whole, with keyframes.
 */
class FfmpegRtpPeerTest {
  private static final long RECEIVE_MILLIS = 10_000;

  @Test
  @Timeout(30)
  void depacketizesAnFfmpegH264Stream() throws Exception {
    String ffmpeg = Peers.require("ffmpeg", "ffmpeg").toString();
    try (DatagramSocket rtp = new DatagramSocket(null);
        DatagramSocket rtcp = new DatagramSocket(null)) {
      bindPair(rtp, rtcp);
      ChildProcess sender = rtpSender(ffmpeg, rtp.getLocalPort());
      try {
        H264Depacketizer depacketizer = new H264Depacketizer();
        List<AccessUnit> units = receive(rtp, depacketizer, sender.process());
        long keyframes = units.stream().filter(AccessUnit::keyframe).count();
        assertTrue(units.size() >= 20, "access units received: " + units.size());
        assertTrue(keyframes >= 2, "keyframes received: " + keyframes);
        assertTrue(
            units.stream().anyMatch(unit -> unit.size() > 1200), "no unit spanned FU-A fragments");
        assertEquals(0, depacketizer.stats().lostPackets(), "loss on loopback");
        assertEquals(0, depacketizer.stats().droppedFragments(), "dropped fragments");
        for (AccessUnit unit : units) {
          boolean idr = unit.nalUnits().stream().anyMatch(nal -> (nal[0] & 0x1F) == 5);
          assertEquals(idr, unit.keyframe(), "keyframe flag at " + unit.rtpTimestamp());
        }
      } finally {
        sender.close();
      }
    }
  }

  private static List<AccessUnit> receive(
      DatagramSocket socket, H264Depacketizer depacketizer, Process sender) throws Exception {
    List<AccessUnit> units = new ArrayList<>();
    byte[] buffer = new byte[RtpPacket.MAX_PACKET_BYTES];
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECEIVE_MILLIS);
    socket.setSoTimeout(500);
    while (System.nanoTime() < deadline && units.size() < 25) {
      DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(datagram);
      } catch (SocketTimeoutException e) {
        if (!sender.isAlive()) {
          break;
        }
        continue;
      }
      RtpPacket packet = RtpPacket.parse(buffer, 0, datagram.getLength());
      units.addAll(depacketizer.push(packet));
    }
    return units;
  }

  /** Binds an even port and the next one (RTCP), as RTP senders expect. */
  private static void bindPair(DatagramSocket rtp, DatagramSocket rtcp) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 20; attempt++) {
      try (DatagramSocket probe = new DatagramSocket(0, loopback)) {
        int port = probe.getLocalPort() & ~1;
        probe.close();
        try {
          rtp.bind(new InetSocketAddress(loopback, port));
          rtcp.bind(new InetSocketAddress(loopback, port + 1));
          return;
        } catch (SocketException taken) {
          // the pair was not free; try another
        }
      }
    }
    fail("could not bind two adjacent loopback UDP ports");
  }

  private static ChildProcess rtpSender(String ffmpeg, int port) throws IOException {
    return ChildProcess.of(Ffmpeg.livePicture(ffmpeg, 320, 240, 10))
        .args("-t", "6", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "10", "-bf", "0")
        .args("-f", "rtp", "rtp://127.0.0.1:" + port + "?pkt_size=1200")
        .start();
  }
}
