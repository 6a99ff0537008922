package io.hearth.runtime.media;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One access unit from a camera: its source camera id (checked again at every fan-out edge), its
 * codec, its timestamp in 90 kHz units, whether it is a keyframe, and its bytes.
 *
 * <p>For H.264 / H.265 the payload is the access unit's NAL units, each preceded by a 4-byte
 * big-endian length (the AVCC / HVCC sample format); it is checked on construction. For JPEG it is
 * one JPEG image. The frame is immutable: the constructor copies the payload and {@link #payload()}
 * returns a copy; {@link #copyPayloadInto} and {@link #payloadLength} avoid the copy.
 */
// The array component is safe here: it is copied in and out, and equals, hashCode and toString
// are overridden to use its contents.
@SuppressWarnings("ArrayRecordComponent")
public record MediaFrame(
    String cameraId, Codec codec, long timestamp90k, boolean keyframe, byte[] payload) {

  /** Checks the fields and copies the payload. */
  public MediaFrame {
    Objects.requireNonNull(cameraId, "cameraId");
    Objects.requireNonNull(codec, "codec");
    payload = Objects.requireNonNull(payload, "payload").clone();
    if (payload.length == 0) {
      throw new MediaFormatException("empty payload for a frame of camera " + cameraId);
    }
    if (codec.isNalBased()) {
      NalUnits.checkLengthPrefixed(payload);
    }
  }

  /** A frame built from NAL units without start codes, stored length-prefixed. */
  public static MediaFrame ofNalUnits(
      String cameraId, Codec codec, long timestamp90k, boolean keyframe, List<byte[]> nalUnits) {
    if (!codec.isNalBased()) {
      throw new IllegalArgumentException(codec + " payloads are not NAL units");
    }
    return new MediaFrame(
        cameraId, codec, timestamp90k, keyframe, NalUnits.toLengthPrefixed(nalUnits));
  }

  /** A copy of the payload. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload's length in bytes. */
  public int payloadLength() {
    return payload.length;
  }

  /** Copies the payload into {@code target} at {@code offset}. */
  public void copyPayloadInto(byte[] target, int offset) {
    System.arraycopy(payload, 0, target, offset, payload.length);
  }

  /** Copies of the NAL units of an H.264 / H.265 frame, in order. */
  public List<byte[]> nalUnits() {
    if (!codec.isNalBased()) {
      throw new IllegalStateException(codec + " payloads are not NAL units");
    }
    return NalUnits.fromLengthPrefixed(payload);
  }

  /** The VPS/SPS/PPS NAL units of an H.264/H.265 frame, in order; none for JPEG. */
  public List<byte[]> parameterSets() {
    List<byte[]> sets = new java.util.ArrayList<>();
    if (!codec.isNalBased()) {
      return sets;
    }
    for (byte[] nal : nalUnits()) {
      int type = NalUnits.type(codec, nal);
      boolean isSet =
          codec == Codec.H264
              ? type == NalUnits.H264_SPS || type == NalUnits.H264_PPS
              : type == NalUnits.H265_VPS || type == NalUnits.H265_SPS || type == NalUnits.H265_PPS;
      if (isSet) {
        sets.add(nal);
      }
    }
    return sets;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MediaFrame f
        && cameraId.equals(f.cameraId)
        && codec == f.codec
        && timestamp90k == f.timestamp90k
        && keyframe == f.keyframe
        && Arrays.equals(payload, f.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cameraId, codec, timestamp90k, keyframe, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "MediaFrame[camera="
        + cameraId
        + ", codec="
        + codec
        + ", ts="
        + timestamp90k
        + ", keyframe="
        + keyframe
        + ", bytes="
        + payload.length
        + "]";
  }
}
