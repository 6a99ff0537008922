package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus.State;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.testing.Await;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Transport negotiation and UDP reception against a scripted camera. */
class RtspTransportTest {
  private static final Pattern CLIENT_PORT = Pattern.compile("client_port=(\\d+)");
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    Await.get(vertx.close());
  }

  @Test
  @Timeout(20)
  void autoFallsBackToTcpWhenTheCameraRefusesUdp() throws Exception {
    try (ScriptedCamera camera =
        new ScriptedCamera(
            c -> {
              String setup = untilSetup(c);
              c.respond(setup, "461 Unsupported Transport", "", "");
              c.serveUntilPlay(ScriptedCamera.h264Sdp());
              c.stream(20, 5, 20);
              c.drain();
            })) {
      RecordingSink sink = new RecordingSink();
      RtspSource source = source(camera.url(), RtspSettings.Transport.AUTO);
      Await.get(source.open(sink));
      sink.awaitFrames(5, 5000);
      assertEquals("TCP", source.transport());
      assertEquals(2, camera.methods.stream().filter("SETUP"::equals).count());
      Await.get(source.close());
    }
  }

  @Test
  @Timeout(30)
  void udpAcceptsOnlyTheCamerasDatagramsAndReportsBack() throws Exception {
    try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0));
        ScriptedCamera camera = new ScriptedCamera(c -> serveUdp(c, rtp, rtcp, stranger))) {
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
      Await.get(source.close());
    }
  }

  private static void serveUdp(
      ScriptedCamera.Conversation c, DatagramSocket rtp, DatagramSocket rtcp, DatagramSocket evil)
      throws IOException, InterruptedException {
    String setup = untilSetup(c);
    Matcher port = CLIENT_PORT.matcher(setup);
    assertTrue(port.find(), setup);
    int clientPort = Integer.parseInt(port.group(1));
    String transport =
        "RTP/AVP;unicast;client_port=%d-%d;server_port=%d-%d"
            .formatted(clientPort, clientPort + 1, rtp.getLocalPort(), rtcp.getLocalPort());
    c.respond(setup, "200 OK", "Session: 99;timeout=60\r\nTransport: " + transport + "\r\n", "");
    c.respond(c.read(), "200 OK", "Session: 99\r\n", ""); // PLAY
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

  private static String untilSetup(ScriptedCamera.Conversation c) throws IOException {
    for (String request; (request = c.read()) != null; ) {
      if (request.startsWith("SETUP")) {
        return request;
      }
      boolean describe = request.startsWith("DESCRIBE");
      c.respond(
          request,
          "200 OK",
          describe ? "Content-Type: application/sdp\r\n" : "",
          describe ? ScriptedCamera.h264Sdp() : "");
    }
    throw new IOException("client left before SETUP");
  }

  private static RtspSource source(String url, RtspSettings.Transport transport) {
    Camera camera = new Camera("t", "t", URI.create(url), null, null);
    RtspSettings settings = new RtspSettings(transport, 2000, 2000, 3000, 500);
    return new RtspSource(vertx, camera, settings);
  }
}
