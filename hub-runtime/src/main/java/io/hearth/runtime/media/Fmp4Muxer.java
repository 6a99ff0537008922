package io.hearth.runtime.media;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Remuxes H.264 / H.265 access units into fragmented MP4 for Media Source Extensions, without
 * transcoding: {@link #initSegment()} once, then {@link #fragment} for each frame or group of
 * frames. Timescale 90 kHz; decode times come from the frames' timestamps through a {@link
 * DecodeClock} (wraps unwrapped, jumps smoothed). Frames must arrive in decode order, which for
 * cameras without B-frames is also presentation order; no composition offsets are written.
 *
 * <p>Access unit delimiters and in-band copies of the init segment's parameter sets are dropped
 * from samples; other parameter sets stay in band (a new SPS with another size needs a new muxer
 * and init segment, which is the caller's call). MSE needs the first fragment to begin with a
 * keyframe; the caller (the switchboard's latest group of pictures) ensures that, the muxer does
 * not. Not thread-safe: one muxer per stream session.
 */
public final class Fmp4Muxer {
  /** Ticks per second of every time value written. */
  public static final int TIMESCALE = InitSegment.TIMESCALE;

  /** Duration of a sample with nothing to measure it by: 3000 ticks, 30 frames per second. */
  public static final int DEFAULT_DURATION = 3000;

  private final ParameterSets parameterSets;
  private final byte[] init;
  private final DecodeClock clock = new DecodeClock(DEFAULT_DURATION);
  private long sequence;

  /** A muxer for the stream these parameter sets describe. */
  public Fmp4Muxer(ParameterSets parameterSets) {
    this.parameterSets = Objects.requireNonNull(parameterSets, "parameterSets");
    this.init = InitSegment.write(parameterSets);
  }

  /** A muxer for {@code codec} from its parameter-set NAL units (no start codes), in any order. */
  public static Fmp4Muxer of(Codec codec, List<byte[]> parameterSets) {
    return new Fmp4Muxer(ParameterSets.of(codec, parameterSets));
  }

  /** A muxer for an H.264 stream. */
  public static Fmp4Muxer h264(byte[] sps, byte[] pps) {
    return of(Codec.H264, List.of(sps, pps));
  }

  /** A muxer for an H.265 stream. */
  public static Fmp4Muxer h265(byte[] vps, byte[] sps, byte[] pps) {
    return of(Codec.H265, List.of(vps, sps, pps));
  }

  /** The init segment: ftyp and moov. The same bytes on every call (a fresh copy). */
  public byte[] initSegment() {
    return init.clone();
  }

  /** One fragment (moof + mdat) holding one frame. */
  public byte[] fragment(MediaFrame frame) {
    return fragment(List.of(frame));
  }

  /**
   * One fragment (moof + mdat) holding {@code frames} in order. Each sample lasts until the next
   * frame; the last lasts as long as the step before it (or {@link #DEFAULT_DURATION}).
   */
  public byte[] fragment(List<MediaFrame> frames) {
    checkFrames(frames);
    long[] times = new long[frames.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = clock.next(frames.get(i).timestamp90k());
    }
    List<FragmentWriter.Sample> samples = new ArrayList<>(frames.size());
    for (int i = 0; i < times.length; i++) {
      long duration = i + 1 < times.length ? times[i + 1] - times[i] : clock.lastStep();
      MediaFrame frame = frames.get(i);
      samples.add(new FragmentWriter.Sample(sampleData(frame), duration, frame.keyframe()));
    }
    sequence++;
    return FragmentWriter.write(sequence, times[0], samples);
  }

  private void checkFrames(List<MediaFrame> frames) {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("a fragment needs at least one frame");
    }
    for (MediaFrame frame : frames) {
      if (frame.codec() != parameterSets.codec()) {
        throw new IllegalArgumentException(
            "a " + frame.codec() + " frame cannot go into a " + parameterSets.codec() + " stream");
      }
    }
  }

  /** The codec, H264 or H265. */
  public Codec codec() {
    return parameterSets.codec();
  }

  /** The RFC 6381 codec string, such as {@code avc1.64001F}. */
  public String codecString() {
    return parameterSets.codecString();
  }

  /** The MIME type to give {@code MediaSource.addSourceBuffer}. */
  public String mimeType() {
    return "video/mp4; codecs=\"" + codecString() + "\"";
  }

  /** The displayed width in pixels. */
  public int width() {
    return parameterSets.width();
  }

  /** The displayed height in pixels. */
  public int height() {
    return parameterSets.height();
  }

  /** The frame's payload without delimiters and redundant parameter sets (never emptied). */
  private byte[] sampleData(MediaFrame frame) {
    byte[] payload = frame.payload();
    ByteArrayOutputStream kept = new ByteArrayOutputStream(payload.length);
    boolean dropped = false;
    int at = 0;
    while (at < payload.length) {
      int length = NalUnits.lengthAt(payload, at);
      if (isRedundant(payload, at + 4, length)) {
        dropped = true;
      } else {
        kept.write(payload, at, 4 + length);
      }
      at += 4 + length;
    }
    return dropped && kept.size() > 0 ? kept.toByteArray() : payload;
  }

  private boolean isRedundant(byte[] payload, int offset, int length) {
    Codec codec = parameterSets.codec();
    int type = NalUnits.typeOf(codec, payload[offset]);
    boolean delimiter = type == (codec == Codec.H264 ? NalUnits.H264_AUD : NalUnits.H265_AUD);
    return delimiter || parameterSets.contains(payload, offset, length);
  }
}
