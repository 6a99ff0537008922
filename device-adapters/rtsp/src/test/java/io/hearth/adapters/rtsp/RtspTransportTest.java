package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.rtsp.SourcePin.Verdict;
import io.hearth.runtime.camera.CameraStatus.State;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.testing.Await;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transport negotiation and UDP reception against a scripted camera. */
class RtspTransportTest {
  @RegisterExtension static final RtspFixture rtsp = new RtspFixture();

  @Test
  @Timeout(20)
  void autoPlaysTcpInterleavedWhenTheCameraAcceptsIt() throws Exception {
    try (ScriptedRtspCamera camera =
        new ScriptedRtspCamera(
            c -> {
              c.serveUntilPlay(ScriptedRtspCamera.h264Sdp());
              c.stream(20, 5, 20);
              c.drain();
            })) {
      RecordingSink sink = new RecordingSink();
      RtspSource source = source(camera.url(), RtspSettings.Transport.AUTO);
      Await.get(source.open(sink));
      sink.awaitFrames(5, 5000);
      assertEquals("TCP", source.transport());
      assertEquals(1, camera.methods.stream().filter("SETUP"::equals).count());
      Await.get(source.close());
    }
  }

  @Test
  @Timeout(30)
  void autoFallsBackToUdpOnlyWhenTheCameraRefusesTcp() throws Exception {
    List<String> setups = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        ScriptedRtspCamera camera =
            new ScriptedRtspCamera(
                c -> {
                  String first = c.untilSetup();
                  setups.add(first);
                  c.respond(first, "461 Unsupported Transport", "", "");
                  String second = c.read();
                  setups.add(second);
                  int hub = c.playUdp(second, rtp.getLocalPort(), rtcp.getLocalPort(), null);
                  c.sendUdp(rtp, hub, 20, (byte) 0);
                  c.drain();
                })) {
      RecordingSink sink = new RecordingSink();
      RtspSource source = source(camera.url(), RtspSettings.Transport.AUTO);
      Await.get(source.open(sink));
      sink.awaitFrames(5, 5000);
      assertEquals("UDP", source.transport());
      assertTrue(setups.get(0).contains("RTP/AVP/TCP;unicast;interleaved="), setups.get(0));
      assertTrue(setups.get(1).contains("RTP/AVP;unicast;client_port="), setups.get(1));
      Await.get(source.close());
    }
  }

  @Test
  @Timeout(30)
  void udpAcceptsOnlyTheCamerasDatagramsAndReportsBack() throws Exception {
    try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0));
        ScriptedRtspCamera camera = new ScriptedRtspCamera(c -> serveUdp(c, rtp, rtcp, stranger))) {
      RecordingSink sink = new RecordingSink();
      RtspSource source = source(camera.url(), RtspSettings.Transport.UDP);
      Await.get(source.open(sink));
      assertEquals("UDP", source.transport());
      List<MediaFrame> frames = sink.awaitFrames(20, 10_000);
      assertTrue(
          frames.stream().flatMap(f -> f.nalUnits().stream()).noneMatch(n -> n[1] == 0x77),
          "a stranger's datagram became a frame");
      assertEquals(List.of(State.CONNECTING, State.ONLINE), sink.states());
      rtcp.setSoTimeout(5000);
      DatagramPacket report = new DatagramPacket(new byte[1500], 1500);
      rtcp.receive(report);
      assertEquals(201, report.getData()[1] & 0xFF, "an RTCP receiver report");
      long strangers =
          Await.get(source.udpView()).orElseThrow().dropped().get(Verdict.WRONG_ADDRESS);
      assertTrue(strangers >= 20, "the stranger's datagrams were counted: " + strangers);
      Await.get(source.close());
    }
  }

  private static void serveUdp(
      ScriptedRtspCamera.Conversation c,
      DatagramSocket rtp,
      DatagramSocket rtcp,
      DatagramSocket evil)
      throws IOException, InterruptedException {
    int clientPort = c.playUdp(c.untilSetup(), rtp.getLocalPort(), rtcp.getLocalPort(), null);
    InetAddress hub = InetAddress.getLoopbackAddress();
    for (int i = 0; i < 60; i++) {
      byte[] nal = new byte[100];
      nal[0] = (byte) (i % 10 == 0 ? 0x65 : 0x41);
      byte[] genuine = c.rtp(nal, true);
      byte[] forged = genuine.clone();
      forged[13] = 0x77; // same sequence number, sent first: it must not win
      evil.send(new DatagramPacket(forged, forged.length, hub, clientPort));
      evil.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, hub, clientPort));
      rtp.send(new DatagramPacket(genuine, genuine.length, hub, clientPort));
      Thread.sleep(30);
    }
    c.drain();
  }

  private static RtspSource source(String url, RtspSettings.Transport transport) {
    return rtsp.source("t", url, RtspFixture.quick(transport));
  }
}
