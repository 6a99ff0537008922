package io.hearth.runtime.media;

import java.util.List;

/**
 * Writes one movie fragment (ISO/IEC 14496-12 8.8): {@code moof} with {@code mfhd}, and one {@code
 * traf} holding {@code tfhd} (base is the moof), {@code tfdt} and a {@code trun} with each sample's
 * duration, size and sync flags; then the {@code mdat} with the samples' bytes.
 */
final class FragmentWriter {
  private static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
  private static final int TRUN_FLAGS = 0x000001 | 0x000100 | 0x000200 | 0x000400;
  private static final long SYNC_FLAGS = 0x02000000L; // depends on no other sample
  private static final long NON_SYNC_FLAGS = 0x01010000L; // depends on others, not a sync sample

  /** One sample: its bytes (length-prefixed NAL units), its duration in 90 kHz and sync flag. */
  static final class Sample {
    final byte[] data;
    final long duration;
    final boolean sync;

    Sample(byte[] data, long duration, boolean sync) {
      this.data = data;
      this.duration = duration;
      this.sync = sync;
    }
  }

  private FragmentWriter() {}

  static byte[] write(long sequence, long baseDecodeTime, List<Sample> samples) {
    long payload = 0;
    for (Sample s : samples) {
      payload += s.data.length;
    }
    BoxWriter w = new BoxWriter((int) Math.min(Integer.MAX_VALUE - 8, payload + 256));
    w.open("moof");
    w.openFull("mfhd", 0, 0).u32(sequence).close();
    w.open("traf");
    w.openFull("tfhd", 0, TFHD_DEFAULT_BASE_IS_MOOF).u32(InitSegment.TRACK_ID).close();
    w.openFull("tfdt", 1, 0).u64(baseDecodeTime).close();
    int dataOffsetAt = writeTrun(w, samples);
    w.close().close();
    w.putU32At(dataOffsetAt, w.position() + 8L); // the first sample follows the mdat header
    w.open("mdat");
    for (Sample s : samples) {
      w.bytes(s.data);
    }
    return w.close().toByteArray();
  }

  /** Writes the trun and returns the position of its data_offset field, patched later. */
  private static int writeTrun(BoxWriter w, List<Sample> samples) {
    w.openFull("trun", 0, TRUN_FLAGS).u32(samples.size());
    int dataOffsetAt = w.position();
    w.u32(0);
    for (Sample s : samples) {
      w.u32(s.duration).u32(s.data.length).u32(s.sync ? SYNC_FLAGS : NON_SYNC_FLAGS);
    }
    w.close();
    return dataOffsetAt;
  }
}
