package io.hearth.adapters.rtsp;

import io.hearth.adapters.rtsp.codec.AccessUnit;
import io.hearth.adapters.rtsp.codec.CodecException;
import io.hearth.adapters.rtsp.codec.DepacketizerStats;
import io.hearth.adapters.rtsp.codec.H264Depacketizer;
import io.hearth.adapters.rtsp.codec.H264Parameters;
import io.hearth.adapters.rtsp.codec.H265Depacketizer;
import io.hearth.adapters.rtsp.codec.H265Parameters;
import io.hearth.adapters.rtsp.codec.RtpPacket;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.MediaFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns the RTP packets of one video stream into {@link MediaFrame}s: depacketises to access units,
 * makes keyframes carry their parameter sets, stamps them on a 90 kHz timeline and with the camera
 * id. Packets of another payload type are ignored and counted.
 */
final class FrameBuilder {
  /** The codec-specific depacketizer behind one interface. */
  private interface Depacketizer {
    List<AccessUnit> push(RtpPacket packet) throws CodecException;

    List<byte[]> parameterSets();

    DepacketizerStats stats();
  }

  private final String cameraId;
  private final Codec codec;
  private final int payloadType;
  private final Depacketizer depacketizer;
  private final RtpClock clock;
  private long foreignPackets;

  private FrameBuilder(String cameraId, VideoTrack track, Depacketizer depacketizer) {
    this.cameraId = cameraId;
    this.codec = track.codec();
    this.payloadType = track.payloadType();
    this.depacketizer = depacketizer;
    this.clock = new RtpClock(track.clockRate());
  }

  /** A builder for a track, seeded with the SDP's parameter sets. */
  static FrameBuilder of(String cameraId, VideoTrack track) throws CodecException {
    return new FrameBuilder(
        cameraId,
        track,
        track.codec() == Codec.H265
            ? h265(H265Parameters.fromFmtp(track.media().fmtp()))
            : h264(H264Parameters.fromFmtp(track.media().fmtp())));
  }

  /** The frames one packet completes (often none). */
  List<MediaFrame> push(RtpPacket packet) throws CodecException {
    if (packet.payloadType() != payloadType) {
      foreignPackets++;
      return List.of();
    }
    List<AccessUnit> units = depacketizer.push(packet);
    if (units.isEmpty()) {
      return List.of();
    }
    List<MediaFrame> frames = new ArrayList<>(units.size());
    for (AccessUnit unit : units) {
      List<byte[]> nals = unit.nalUnits();
      if (unit.keyframe()) {
        nals = ParameterSetInjector.complete(codec, nals, depacketizer.parameterSets());
      }
      long ts = clock.to90k(unit.rtpTimestamp());
      frames.add(MediaFrame.ofNalUnits(cameraId, codec, ts, unit.keyframe(), nals));
    }
    return frames;
  }

  DepacketizerStats stats() {
    return depacketizer.stats();
  }

  long foreignPackets() {
    return foreignPackets;
  }

  private static Depacketizer h264(H264Parameters parameters) {
    H264Depacketizer d = H264Depacketizer.of(parameters);
    return new Depacketizer() {
      @Override
      public List<AccessUnit> push(RtpPacket packet) throws CodecException {
        return d.push(packet);
      }

      @Override
      public List<byte[]> parameterSets() {
        return present(d.sps(), d.pps());
      }

      @Override
      public DepacketizerStats stats() {
        return d.stats();
      }
    };
  }

  private static Depacketizer h265(H265Parameters parameters) {
    H265Depacketizer d = H265Depacketizer.of(parameters);
    return new Depacketizer() {
      @Override
      public List<AccessUnit> push(RtpPacket packet) throws CodecException {
        return d.push(packet);
      }

      @Override
      public List<byte[]> parameterSets() {
        return present(d.vps(), d.sps(), d.pps());
      }

      @Override
      public DepacketizerStats stats() {
        return d.stats();
      }
    };
  }

  @SafeVarargs
  private static List<byte[]> present(Optional<byte[]>... sets) {
    return Stream.of(sets).flatMap(Optional::stream).toList();
  }
}
