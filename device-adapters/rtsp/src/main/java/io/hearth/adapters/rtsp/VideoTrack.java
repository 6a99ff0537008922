package io.hearth.adapters.rtsp;

import io.hearth.adapters.rtsp.codec.RtpMap;
import io.hearth.adapters.rtsp.codec.Sdp;
import io.hearth.adapters.rtsp.codec.SdpMedia;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.media.Codec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stream an RTSP source plays: the first H.264 or H.265 video section of the camera's SDP, and
 * the URLs SETUP and PLAY will use, checked to point at the camera itself.
 *
 * @param aggregate the session URL for PLAY and TEARDOWN
 */
record VideoTrack(Codec codec, SdpMedia media, int clockRate, URI control, URI aggregate) {
  static final int RTSP_PORT = 554;
  static final int RTSPS_PORT = 322;

  /**
   * Picks the video stream.
   *
   * @throws RtspFailure UNSUPPORTED_CODEC naming what the camera offers, or PROTOCOL_ERROR if a
   *     control URL leads to another host
   */
  static VideoTrack pick(Sdp sdp, URI camera) {
    List<String> offered = new ArrayList<>();
    for (SdpMedia media : sdp.media()) {
      if (!media.type().equals("video")) {
        continue;
      }
      Codec codec =
          media.isEncoding("H264") ? Codec.H264 : media.isEncoding("H265") ? Codec.H265 : null;
      if (codec != null) {
        int clock = media.rtpMap().map(RtpMap::clockRate).orElse(90_000);
        checkSameOrigin(camera, media.control());
        checkSameOrigin(camera, sdp.base());
        return new VideoTrack(
            codec, media, clock, withoutUserInfo(media.control()), withoutUserInfo(sdp.base()));
      }
      offered.add(describe(media));
    }
    String message =
        offered.isEmpty()
            ? "camera offers no video stream; Hearth plays H264 and H265"
            : "camera offers video as "
                + String.join(", ", offered)
                + "; Hearth plays H264 and H265";
    throw new RtspFailure(Reason.UNSUPPORTED_CODEC, message);
  }

  int payloadType() {
    return media.payloadType();
  }

  /**
   * Refuses a control URL on another host or port than the camera's: an SDP must not send the hub's
   * requests, and its credentials, elsewhere.
   */
  static void checkSameOrigin(URI camera, URI control) {
    String expected = origin(camera);
    String actual = origin(control);
    if (!expected.equals(actual)) {
      throw new RtspFailure(
          Reason.PROTOCOL_ERROR,
          "camera's SDP points at " + actual + ", not the camera at " + expected + "; refused");
    }
  }

  /** The URL without user-info, which must never travel in a request line or a log. */
  static URI withoutUserInfo(URI uri) {
    String info = uri.getRawUserInfo();
    return info == null ? uri : URI.create(uri.toString().replace(info + "@", ""));
  }

  static String origin(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return host + ":" + port(uri);
  }

  static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "rtsps".equalsIgnoreCase(uri.getScheme()) ? RTSPS_PORT : RTSP_PORT;
  }

  private static String describe(SdpMedia media) {
    return media
        .rtpMap()
        .map(map -> map.encodingName().toUpperCase(Locale.ROOT) + "/" + map.clockRate())
        .orElse(
            media.payloadType() == 26
                ? "JPEG (payload type 26)"
                : "payload type " + media.payloadType());
  }
}
