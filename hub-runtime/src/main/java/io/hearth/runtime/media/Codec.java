package io.hearth.runtime.media;

/** The encodings a camera may deliver; Hearth remuxes or passes them through, never transcodes. */
public enum Codec {
  /** H.264 / AVC; payloads are length-prefixed NAL units. */
  H264,
  /** H.265 / HEVC; payloads are length-prefixed NAL units. */
  H265,
  /** Motion JPEG; each payload is one complete JPEG image. */
  JPEG;

  /** Whether payloads of this codec are length-prefixed NAL units. */
  public boolean isNalBased() {
    return this != JPEG;
  }
}
