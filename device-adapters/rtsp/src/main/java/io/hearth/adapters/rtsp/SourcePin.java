package io.hearth.adapters.rtsp;

import java.net.InetAddress;
import java.util.Locale;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which datagrams on a camera's UDP port pair are the camera's stream: from the camera's
 * address, from the server ports its SETUP answer named (or, if it named none, the port the first
 * datagram from that address came from), and with the SSRC it announced (or, if none, the SSRC
 * first seen on RTP; RTCP must carry that same SSRC). A second stream from the same address (an
 * NVR's other channel, a multi-sensor camera, a forged source) must never become this camera's
 * picture, so the SSRC is never re-learnt from the wire: a camera that restarts its stream is
 * re-SETUP instead (see {@link #foreignOnlyNanos}).
 */
final class SourcePin {
  private static final Logger LOG = LoggerFactory.getLogger(SourcePin.class);

  /** What became of one datagram. */
  enum Verdict {
    ACCEPT("accepted"),
    WRONG_ADDRESS("wrong address"),
    WRONG_PORT("wrong port"),
    WRONG_SSRC("wrong SSRC");

    final String label;

    Verdict(String label) {
      this.label = label;
    }
  }

  private final InetAddress camera;
  private final String cameraName;
  private boolean configured;
  private int rtpPort = -1;
  private int rtcpPort = -1;
  private boolean ssrcKnown;
  private boolean announced;
  private int ssrc;
  private boolean accepted;
  private int foreignSsrc;
  private long foreignSince = -1;

  SourcePin(InetAddress camera, String cameraName) {
    this.camera = camera;
    this.cameraName = cameraName;
  }

  /** Adopts the SETUP answer; until then every datagram is dropped as WRONG_PORT. */
  void configure(SetupAnswer.Pair serverPorts, OptionalInt announcedSsrc) {
    configured = true;
    if (serverPorts != null) {
      rtpPort = serverPorts.rtp();
      rtcpPort = serverPorts.rtcp();
    }
    if (announcedSsrc.isPresent()) {
      ssrc = announcedSsrc.getAsInt();
      ssrcKnown = true;
      announced = true;
    }
  }

  /** The verdict on an RTP datagram from {@code from}:{@code port} arriving at {@code nowNanos}. */
  Verdict rtp(InetAddress from, int port, byte[] datagram, long nowNanos) {
    Verdict origin = origin(from, port, true);
    if (origin != Verdict.ACCEPT) {
      return origin;
    }
    if (datagram.length < 12) {
      return Verdict.WRONG_SSRC; // too short to carry one, so not provably the camera's
    }
    int got = u32(datagram, 8);
    if (!ssrcKnown) {
      ssrcKnown = true;
      ssrc = got;
      LOG.debug("camera {} announced no SSRC; pinned to {}, the first seen", cameraName, hex(got));
    }
    if (got != ssrc) {
      foreignSsrc = got;
      foreignSince = foreignSince < 0 ? nowNanos : foreignSince;
      return Verdict.WRONG_SSRC;
    }
    accepted = true;
    foreignSince = -1;
    return Verdict.ACCEPT;
  }

  /** The verdict on an RTCP datagram: the pinned RTCP source, led by the pinned SSRC. */
  Verdict rtcp(InetAddress from, int port, byte[] datagram) {
    Verdict origin = origin(from, port, false);
    if (origin != Verdict.ACCEPT) {
      return origin;
    }
    boolean confirmed = ssrcKnown && datagram.length >= 8 && u32(datagram, 4) == ssrc;
    return confirmed ? Verdict.ACCEPT : Verdict.WRONG_SSRC;
  }

  /**
   * For how long only foreign-SSRC RTP has come from the pinned address and port (0 while the
   * pinned SSRC keeps arriving): the sign of a camera that restarted its stream under a new SSRC.
   */
  long foreignOnlyNanos(long nowNanos) {
    return foreignSince < 0 ? 0 : nowNanos - foreignSince;
  }

  /** Why the stream is given up after a lasting {@link #foreignOnlyNanos}, for the status. */
  String foreignSsrcMessage() {
    if (announced && !accepted) {
      return "camera sends RTP with SSRC "
          + hex(foreignSsrc)
          + ", not the SSRC "
          + hex(ssrc)
          + " its SETUP answer announced";
    }
    return "camera's RTP changed SSRC from "
        + hex(ssrc)
        + " to "
        + hex(foreignSsrc)
        + " (restart?)";
  }

  int rtpPort() {
    return rtpPort;
  }

  int rtcpPort() {
    return rtcpPort;
  }

  OptionalInt ssrc() {
    return ssrcKnown ? OptionalInt.of(ssrc) : OptionalInt.empty();
  }

  private Verdict origin(InetAddress from, int port, boolean isRtp) {
    if (!camera.equals(from)) {
      return Verdict.WRONG_ADDRESS;
    }
    if (!configured) {
      return Verdict.WRONG_PORT;
    }
    int pinned = isRtp ? rtpPort : rtcpPort;
    if (pinned < 0) {
      pinned = pinPort(port, isRtp);
    }
    return port == pinned ? Verdict.ACCEPT : Verdict.WRONG_PORT;
  }

  private int pinPort(int port, boolean isRtp) {
    if (isRtp) {
      rtpPort = port;
    } else {
      rtcpPort = port;
    }
    LOG.debug(
        "camera {} named no server_port; pinned {} to source port {}, the first seen",
        cameraName,
        isRtp ? "RTP" : "RTCP",
        port);
    return port;
  }

  private static int u32(byte[] data, int at) {
    return (data[at] & 0xFF) << 24
        | (data[at + 1] & 0xFF) << 16
        | (data[at + 2] & 0xFF) << 8
        | (data[at + 3] & 0xFF);
  }

  static String hex(int ssrc) {
    return String.format(Locale.ROOT, "%08X", ssrc);
  }
}
