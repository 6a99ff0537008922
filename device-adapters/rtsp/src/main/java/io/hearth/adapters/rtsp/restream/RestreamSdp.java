package io.hearth.adapters.rtsp.restream;

import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.media.NalUnits;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The session description of a re-stream (RFC 4566): one video track, payload type {@value #PT},
 * its codec and parameter sets from the camera's latest keyframe (RFC 6184 §8.1 for H.264, RFC 7798
 * §7.1 for H.265), so a reader can set up its decoder before the first packet.
 */
final class RestreamSdp {
  static final int PT = 96;
  static final String TRACK = "track0";

  private RestreamSdp() {}

  static String of(MediaFrame keyframe) {
    boolean h265 = keyframe.codec() == Codec.H265;
    return "v=0\r\n"
        + "o=- 0 0 IN IP4 0.0.0.0\r\n"
        + "s=Hearth re-stream\r\n"
        + "t=0 0\r\n"
        + "a=control:*\r\n"
        + "m=video 0 RTP/AVP "
        + PT
        + "\r\n"
        + "c=IN IP4 0.0.0.0\r\n"
        + "a=rtpmap:"
        + PT
        + (h265 ? " H265/90000" : " H264/90000")
        + "\r\n"
        + "a=fmtp:"
        + PT
        + " "
        + (h265 ? h265Parameters(keyframe) : h264Parameters(keyframe))
        + "\r\n"
        + "a=control:"
        + TRACK
        + "\r\n";
  }

  private static String h264Parameters(MediaFrame keyframe) {
    byte[] sps = first(keyframe, NalUnits.H264_SPS);
    byte[] pps = first(keyframe, NalUnits.H264_PPS);
    StringBuilder out = new StringBuilder("packetization-mode=1");
    if (sps != null && sps.length >= 4) {
      out.append(";profile-level-id=").append(HexFormat.of().formatHex(sps, 1, 4));
    }
    if (sps != null && pps != null) {
      out.append(";sprop-parameter-sets=").append(b64(sps)).append(',').append(b64(pps));
    }
    return out.toString();
  }

  private static String h265Parameters(MediaFrame keyframe) {
    byte[] vps = first(keyframe, NalUnits.H265_VPS);
    byte[] sps = first(keyframe, NalUnits.H265_SPS);
    byte[] pps = first(keyframe, NalUnits.H265_PPS);
    if (vps == null || sps == null || pps == null) {
      return "profile-id=1";
    }
    return "sprop-vps=" + b64(vps) + ";sprop-sps=" + b64(sps) + ";sprop-pps=" + b64(pps);
  }

  private static byte[] first(MediaFrame keyframe, int type) {
    List<byte[]> sets = keyframe.parameterSets();
    return sets.stream()
        .filter(nal -> NalUnits.type(keyframe.codec(), nal) == type)
        .findFirst()
        .orElse(null);
  }

  private static String b64(byte[] nal) {
    return Base64.getEncoder().encodeToString(nal);
  }
}
