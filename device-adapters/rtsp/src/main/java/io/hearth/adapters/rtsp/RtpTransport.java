package io.hearth.adapters.rtsp;

import io.vertx.core.Future;

/**
 * How RTP and RTCP travel between a camera and the hub for one session: interleaved on the RTSP
 * connection, or a UDP port pair. It proposes the SETUP Transport header, adopts the camera's
 * answer, delivers what arrives to a {@link Receiver} and sends receiver reports back.
 */
interface RtpTransport {
  /** Where a transport delivers packets from the camera, on the source's event loop. */
  interface Receiver {
    void rtp(byte[] packet);

    void rtcp(byte[] packet);

    /** A datagram was dropped as not the camera's pinned source, for {@code cause}. */
    void dropped(SourcePin.Verdict cause);

    /** The transport cannot go on (the camera restarted its stream, say): ends the session. */
    void failed(RtspFailure failure);
  }

  /** The Transport header for SETUP. */
  String requestHeader();

  /** Adopts the camera's SETUP answer (its channels or ports). */
  void configure(SetupAnswer answer);

  /** Sends an RTCP packet to the camera; dropped if that is not possible. */
  void sendRtcp(byte[] packet);

  /** Releases the transport's resources; idempotent. */
  Future<Void> close();
}
