package io.hearth.adapters.rtsp;

import io.hearth.adapters.rtsp.codec.InterleavedFrame;
import io.vertx.core.Future;

/**
 * RTP over the RTSP TCP connection (RFC 2326 §10.12): the camera's frames on the RTP channel go to
 * the receiver as RTP, on the RTCP channel as RTCP; others are ignored.
 */
final class InterleavedTransport implements RtpTransport {
  private final RtspConnection connection;
  private final Receiver receiver;
  private int rtpChannel = 0;
  private int rtcpChannel = 1;

  InterleavedTransport(RtspConnection connection, Receiver receiver) {
    this.connection = connection;
    this.receiver = receiver;
  }

  @Override
  public String requestHeader() {
    return "RTP/AVP/TCP;unicast;interleaved=" + rtpChannel + "-" + rtcpChannel;
  }

  @Override
  public void configure(SetupAnswer answer) {
    if (answer.interleaved() != null) {
      rtpChannel = answer.interleaved().rtp();
      rtcpChannel = answer.interleaved().rtcp();
    }
  }

  /** Routes one frame from the connection. */
  void onFrame(InterleavedFrame frame) {
    if (frame.channel() == rtpChannel) {
      receiver.rtp(frame.payload());
    } else if (frame.channel() == rtcpChannel) {
      receiver.rtcp(frame.payload());
    }
  }

  @Override
  public void sendRtcp(byte[] packet) {
    connection.writeFrame(rtcpChannel, packet);
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
