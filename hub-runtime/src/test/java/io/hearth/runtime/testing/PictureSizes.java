package io.hearth.runtime.testing;

import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.H264Sps;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.media.NalUnits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A viewer of one camera that counts the H.264 frames it receives by picture size: each frame
 * counts for the size in the last SPS it saw (before any, as "unknown"). What a victim saw,
 * measured: a feed that delivers another camera's pictures shows up as frames of another size.
 */
public final class PictureSizes extends BaseViewer {
  private final Map<String, AtomicInteger> bySize = new ConcurrentHashMap<>();
  private volatile String size = "unknown";

  public PictureSizes(String cameraId) {
    super(cameraId);
  }

  /** Frames received at {@code width} x {@code height}. */
  public int of(int width, int height) {
    AtomicInteger n = bySize.get(width + "x" + height);
    return n == null ? 0 : n.get();
  }

  /** Frames received, of any size. */
  public int total() {
    return bySize.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Every size seen, with its frame count. */
  public Map<String, AtomicInteger> all() {
    return Map.copyOf(bySize);
  }

  @Override
  public void deliver(MediaFrame frame) {
    if (frame.codec() != Codec.H264) {
      return;
    }
    for (byte[] nal : frame.nalUnits()) {
      if (NalUnits.type(Codec.H264, nal) == NalUnits.H264_SPS) {
        H264Sps sps = H264Sps.parse(nal);
        size = sps.width() + "x" + sps.height();
      }
    }
    bySize.computeIfAbsent(size, k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public String toString() {
    return "frames by size " + bySize;
  }
}
