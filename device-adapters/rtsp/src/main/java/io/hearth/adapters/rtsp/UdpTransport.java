package io.hearth.adapters.rtsp;

import io.hearth.runtime.camera.CameraStatus.Reason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * RTP over a UDP port pair (an even RTP port and the next one for RTCP). Only datagrams from the
 * camera's address are accepted: anyone else on the network is ignored and counted, so a stray or
 * hostile sender cannot inject frames or end the stream.
 */
final class UdpTransport implements RtpTransport {
  private static final int BIND_ATTEMPTS = 10;

  private final DatagramSocket rtpSocket;
  private final DatagramSocket rtcpSocket;
  private final InetAddress camera;
  private int serverRtcpPort = -1;
  private long foreignDatagrams;
  private boolean closed;

  private UdpTransport(DatagramSocket rtp, DatagramSocket rtcp, InetAddress camera, Receiver r) {
    this.rtpSocket = rtp;
    this.rtcpSocket = rtcp;
    this.camera = camera;
    rtp.handler(packet -> accept(packet, true, r));
    rtcp.handler(packet -> accept(packet, false, r));
  }

  /** Binds a port pair for a camera at {@code cameraIp} (an address literal). */
  static Future<UdpTransport> open(Vertx vertx, String cameraIp, Receiver receiver) {
    InetAddress camera;
    try {
      camera = InetAddress.getByName(cameraIp);
    } catch (UnknownHostException e) {
      return Future.failedFuture(new RtspFailure(Reason.UNREACHABLE, "bad camera address", e));
    }
    String any = camera.getAddress().length == 4 ? "0.0.0.0" : "::";
    return bindPair(vertx, any, BIND_ATTEMPTS)
        .map(pair -> new UdpTransport(pair[0], pair[1], camera, receiver));
  }

  private static Future<DatagramSocket[]> bindPair(Vertx vertx, String host, int attempts) {
    if (attempts == 0) {
      return Future.failedFuture(
          new RtspFailure(Reason.PROTOCOL_ERROR, "could not bind a UDP port pair for RTP"));
    }
    DatagramSocketOptions options = new DatagramSocketOptions().setReceiveBufferSize(1 << 20);
    return vertx
        .createDatagramSocket(options)
        .listen(0, host)
        .compose(
            rtp -> {
              int port = rtp.localAddress().port();
              Future<DatagramSocket> rtcp =
                  port % 2 == 0 && port < 65535
                      ? vertx.createDatagramSocket(options).listen(port + 1, host)
                      : Future.failedFuture("odd port");
              return rtcp.map(r -> new DatagramSocket[] {rtp, r})
                  .recover(e -> rtp.close().transform(v -> bindPair(vertx, host, attempts - 1)));
            });
  }

  int rtpPort() {
    return rtpSocket.localAddress().port();
  }

  long foreignDatagrams() {
    return foreignDatagrams;
  }

  @Override
  public String requestHeader() {
    return "RTP/AVP;unicast;client_port=" + rtpPort() + "-" + (rtpPort() + 1);
  }

  @Override
  public void configure(SetupAnswer answer) {
    if (answer.serverPorts() != null) {
      serverRtcpPort = answer.serverPorts().rtcp();
    }
  }

  @Override
  public void sendRtcp(byte[] packet) {
    if (!closed && serverRtcpPort > 0) {
      rtcpSocket.send(Buffer.buffer(packet), serverRtcpPort, camera.getHostAddress());
    }
  }

  @Override
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    return Future.join(rtpSocket.close(), rtcpSocket.close()).mapEmpty();
  }

  private void accept(DatagramPacket packet, boolean isRtp, Receiver receiver) {
    if (closed || !fromCamera(packet)) {
      foreignDatagrams++;
      return;
    }
    byte[] data = packet.data().getBytes();
    if (isRtp) {
      receiver.rtp(data);
    } else {
      receiver.rtcp(data);
    }
  }

  private boolean fromCamera(DatagramPacket packet) {
    try {
      return InetAddress.getByName(packet.sender().hostAddress()).equals(camera);
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
