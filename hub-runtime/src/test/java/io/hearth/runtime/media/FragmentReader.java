package io.hearth.runtime.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads back one moof + mdat written by {@link Fmp4Muxer}, checking its structure on the way. */
@SuppressWarnings("ArrayRecordComponent") // a test value, never compared
record FragmentReader(
    long sequence,
    long baseDecodeTime,
    List<Long> durations,
    List<Integer> sizes,
    List<Long> flags,
    byte[] mdatPayload) {

  static FragmentReader read(byte[] fragment) {
    List<Boxes.Box> top = Boxes.parse(fragment);
    assertEquals(List.of("moof", "mdat"), top.stream().map(Boxes.Box::type).toList());
    Boxes.Box moof = top.get(0);
    assertEquals(List.of("mfhd", "traf"), moof.childTypes());
    Boxes.Box traf = moof.child("traf");
    assertEquals(List.of("tfhd", "tfdt", "trun"), traf.childTypes());
    Boxes.Box tfhd = traf.child("tfhd");
    assertEquals(0x00020000L, Boxes.u32(fragment, tfhd.bodyStart()), "default-base-is-moof");
    assertEquals(1L, Boxes.u32(fragment, tfhd.bodyStart() + 4), "track id");
    Boxes.Box tfdt = traf.child("tfdt");
    assertEquals(1, Boxes.u8(fragment, tfdt.bodyStart()), "tfdt version 1");
    long sequence = Boxes.u32(fragment, moof.child("mfhd").bodyStart() + 4);
    long base = Boxes.u64(fragment, tfdt.bodyStart() + 4);
    Boxes.Box mdat = top.get(1);
    byte[] payload = Arrays.copyOfRange(fragment, mdat.bodyStart(), mdat.start() + mdat.size());
    return readTrun(fragment, traf.child("trun"), moof, mdat, sequence, base, payload);
  }

  private static FragmentReader readTrun(
      byte[] f, Boxes.Box trun, Boxes.Box moof, Boxes.Box mdat, long seq, long base, byte[] data) {
    int at = trun.bodyStart();
    assertEquals(0x00000701L, Boxes.u32(f, at), "trun version 0, offset/duration/size/flags");
    int count = (int) Boxes.u32(f, at + 4);
    assertEquals(mdat.bodyStart() - moof.start(), (int) Boxes.u32(f, at + 8), "data_offset");
    assertEquals(20 + 12L * count, trun.size(), "trun size for " + count + " samples");
    List<Long> durations = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    List<Long> flags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int entry = at + 12 + 12 * i;
      durations.add(Boxes.u32(f, entry));
      sizes.add((int) Boxes.u32(f, entry + 4));
      flags.add(Boxes.u32(f, entry + 8));
    }
    assertEquals(data.length, sizes.stream().mapToInt(Integer::intValue).sum(), "mdat = sizes");
    return new FragmentReader(seq, base, durations, sizes, flags, data);
  }
}
