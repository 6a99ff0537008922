package io.hearth.runtime.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A tiny ISO BMFF reader for tests: checks that box sizes tile their parent exactly. */
final class Boxes {
  /** Boxes that hold only other boxes. */
  static final Set<String> CONTAINERS =
      Set.of("moov", "trak", "mdia", "minf", "dinf", "stbl", "mvex", "moof", "traf");

  /** One box: its type, where it starts, its total size and its children (for containers). */
  record Box(String type, int start, int size, List<Box> children) {
    int bodyStart() {
      return start + 8;
    }

    Box child(String childType) {
      return children.stream()
          .filter(b -> b.type.equals(childType))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + childType + " in " + type));
    }

    List<String> childTypes() {
      return children.stream().map(Box::type).toList();
    }
  }

  private Boxes() {}

  /** Parses the boxes that exactly fill {@code bytes[from, to)}, descending into containers. */
  static List<Box> parse(byte[] bytes, int from, int to) {
    List<Box> boxes = new ArrayList<>();
    int at = from;
    while (at < to) {
      assertTrue(to - at >= 8, "room for a box header at " + at);
      int size = ByteBuffer.wrap(bytes, at, 4).getInt();
      String type = new String(bytes, at + 4, 4, StandardCharsets.US_ASCII);
      assertTrue(size >= 8 && size <= to - at, type + " size " + size + " fits its parent");
      List<Box> children = CONTAINERS.contains(type) ? parse(bytes, at + 8, at + size) : List.of();
      boxes.add(new Box(type, at, size, children));
      at += size;
    }
    assertEquals(to, at, "boxes end exactly at their parent's end");
    return boxes;
  }

  static List<Box> parse(byte[] bytes) {
    return parse(bytes, 0, bytes.length);
  }

  static int u8(byte[] b, int at) {
    return b[at] & 0xff;
  }

  static int u16(byte[] b, int at) {
    return ByteBuffer.wrap(b, at, 2).getShort() & 0xffff;
  }

  static long u32(byte[] b, int at) {
    return ByteBuffer.wrap(b, at, 4).getInt() & 0xffffffffL;
  }

  static long u64(byte[] b, int at) {
    return ByteBuffer.wrap(b, at, 8).getLong();
  }
}
