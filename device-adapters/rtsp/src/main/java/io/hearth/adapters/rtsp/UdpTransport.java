package io.hearth.adapters.rtsp;

import io.hearth.adapters.rtsp.SourcePin.Verdict;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTP over a UDP port pair (an even RTP port and the next one for RTCP). Only the camera's pinned
 * stream is accepted ({@link SourcePin}: its address, the server ports and SSRC of its SETUP
 * answer); anything else is dropped, counted per cause and reported as a rate-limited security
 * warning, so another stream from the same address, or a forged one, cannot become this camera's
 * picture. If only foreign-SSRC RTP arrives from the pinned source for a while, the camera has
 * restarted its stream: the session fails so that the feed reconnects and SETUPs afresh.
 */
final class UdpTransport implements RtpTransport {
  private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
  private static final int BIND_ATTEMPTS = 10;

  /**
   * How a transport names its camera in logs, and how long only foreign-SSRC RTP from the pinned
   * source is borne before the session is given up.
   */
  record Settings(String cameraName, long ssrcGraceMs) {}

  /** What UDP reception has pinned so far, for diagnostics and tests. */
  record Pinned(int hubRtpPort, int cameraRtpPort, int cameraRtcpPort, OptionalInt ssrc) {}

  private final DatagramSocket rtpSocket;
  private final DatagramSocket rtcpSocket;
  private final InetAddress camera;
  private final SourcePin pin;
  private final DropLog drops;
  private final long ssrcGraceNanos;
  private final Receiver receiver;
  private boolean closed;

  private UdpTransport(DatagramSocket[] pair, InetAddress camera, Settings settings, Receiver r) {
    this.rtpSocket = pair[0];
    this.rtcpSocket = pair[1];
    this.camera = camera;
    this.pin = new SourcePin(camera, settings.cameraName());
    this.drops = new DropLog(settings.cameraName(), LOG::warn);
    this.ssrcGraceNanos = settings.ssrcGraceMs() * 1_000_000L;
    this.receiver = r;
    rtpSocket.handler(packet -> accept(packet, true));
    rtcpSocket.handler(packet -> accept(packet, false));
  }

  /** Binds a port pair for a camera at {@code cameraIp} (an address literal). */
  static Future<UdpTransport> open(
      Vertx vertx, String cameraIp, Settings settings, Receiver receiver) {
    InetAddress camera;
    try {
      camera = InetAddress.getByName(cameraIp);
    } catch (UnknownHostException e) {
      return Future.failedFuture(new RtspFailure(Reason.UNREACHABLE, "bad camera address", e));
    }
    String any = camera.getAddress().length == 4 ? "0.0.0.0" : "::";
    return bindPair(vertx, any, BIND_ATTEMPTS)
        .map(pair -> new UdpTransport(pair, camera, settings, receiver));
  }

  private static Future<DatagramSocket[]> bindPair(Vertx vertx, String host, int attempts) {
    if (attempts == 0) {
      return Future.failedFuture(
          new RtspFailure(Reason.PROTOCOL_ERROR, "could not bind a UDP port pair for RTP"));
    }
    DatagramSocketOptions options = new DatagramSocketOptions().setReceiveBufferSize(1 << 20);
    // The kernel picks the first port; its even/odd neighbour completes the pair (RTP on the even
    // one), so an odd pick is not a wasted attempt.
    return vertx
        .createDatagramSocket(options)
        .listen(0, host)
        .compose(
            first -> {
              int port = first.localAddress().port();
              boolean even = port % 2 == 0;
              int other = even ? port + 1 : port - 1;
              Future<DatagramSocket> second =
                  other > 1023 && other < 65536
                      ? vertx.createDatagramSocket(options).listen(other, host)
                      : Future.failedFuture("no neighbour port");
              return second
                  .map(
                      s -> even ? new DatagramSocket[] {first, s} : new DatagramSocket[] {s, first})
                  .recover(e -> first.close().transform(v -> bindPair(vertx, host, attempts - 1)));
            });
  }

  int rtpPort() {
    return rtpSocket.localAddress().port();
  }

  Pinned pinned() {
    return new Pinned(rtpPort(), pin.rtpPort(), pin.rtcpPort(), pin.ssrc());
  }

  @Override
  public String requestHeader() {
    return "RTP/AVP;unicast;client_port=" + rtpPort() + "-" + (rtpPort() + 1);
  }

  @Override
  public void configure(SetupAnswer answer) {
    pin.configure(answer.serverPorts(), answer.ssrc());
  }

  @Override
  public void sendRtcp(byte[] packet) {
    if (!closed && pin.rtcpPort() > 0) {
      rtcpSocket.send(Buffer.buffer(packet), pin.rtcpPort(), camera.getHostAddress());
    }
  }

  @Override
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    drops.flush(System.nanoTime());
    return Future.join(rtpSocket.close(), rtcpSocket.close()).mapEmpty();
  }

  private void accept(DatagramPacket packet, boolean isRtp) {
    if (closed) {
      return;
    }
    SocketAddress sender = packet.sender();
    InetAddress from = address(sender);
    byte[] data = packet.data().getBytes();
    long now = System.nanoTime();
    Verdict verdict =
        isRtp ? pin.rtp(from, sender.port(), data, now) : pin.rtcp(from, sender.port(), data);
    if (verdict != Verdict.ACCEPT) {
      reject(verdict, sender, now);
    } else if (isRtp) {
      receiver.rtp(data);
    } else {
      receiver.rtcp(data);
    }
  }

  private void reject(Verdict verdict, SocketAddress sender, long now) {
    receiver.dropped(verdict);
    drops.dropped(verdict, sender.hostAddress() + ":" + sender.port(), now);
    if (verdict == Verdict.WRONG_SSRC && pin.foreignOnlyNanos(now) > ssrcGraceNanos) {
      receiver.failed(new RtspFailure(Reason.CLOSED_BY_CAMERA, pin.foreignSsrcMessage()));
    }
  }

  private static InetAddress address(SocketAddress sender) {
    try {
      return InetAddress.getByName(sender.hostAddress()); // a literal: no name lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
