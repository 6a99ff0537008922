package io.hearth.runtime.stream;

import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.MediaFrame;
import java.util.List;

/** Synthetic frames for tests and the benchmark: valid payloads, contents irrelevant. */
final class Frames {
  private static final byte IDR_HEADER = 0x65;
  private static final byte SLICE_HEADER = 0x41;

  private Frames() {}

  /** An H.264 access unit of one NAL unit of {@code size} bytes. */
  static MediaFrame h264(String cameraId, long timestamp90k, boolean keyframe, int size) {
    byte[] nal = new byte[size];
    nal[0] = keyframe ? IDR_HEADER : SLICE_HEADER;
    nal[size - 1] = (byte) timestamp90k;
    return MediaFrame.ofNalUnits(cameraId, Codec.H264, timestamp90k, keyframe, List.of(nal));
  }

  /** The {@code index}th frame of a stream whose groups of pictures are {@code gop} frames long. */
  static MediaFrame nth(String cameraId, long index, int gop, int size) {
    return h264(cameraId, index * 3000, index % gop == 0, size);
  }

  /** A JPEG frame: every one is a keyframe. */
  static MediaFrame jpeg(String cameraId, long timestamp90k, int size) {
    byte[] jpeg = new byte[size];
    jpeg[0] = (byte) 0xff;
    jpeg[1] = (byte) 0xd8;
    return new MediaFrame(cameraId, Codec.JPEG, timestamp90k, true, jpeg);
  }
}
