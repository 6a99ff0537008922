package io.hearth.runtime.session;

import io.hearth.runtime.media.MediaFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a recorded fragmented MP4 into what a viewer is sent: the init segment ({@code ftyp} and
 * {@code moov}) and each fragment ({@code moof} with its {@code mdat}). Reads only top-level box
 * headers, each checked against what is left, so a damaged file is refused, never over-read.
 */
public final class Fmp4Boxes {
  /** The init segment and the fragments, in order. */
  public record Split(byte[] init, List<byte[]> fragments) {}

  private Fmp4Boxes() {}

  public static Split split(byte[] mp4) {
    Views views = views(mp4);
    List<byte[]> fragments = new ArrayList<>(views.fragments().size());
    for (ByteBuffer fragment : views.fragments()) {
      byte[] copy = new byte[fragment.remaining()];
      fragment.duplicate().get(copy);
      fragments.add(copy);
    }
    return new Split(views.init(), fragments);
  }

  /** The init segment (a copy) and each fragment as a read-only view of {@code mp4}. */
  public record Views(byte[] init, List<ByteBuffer> fragments) {}

  /** As {@link #split}, without copying the fragments: they stay in {@code mp4}. */
  public static Views views(byte[] mp4) {
    ByteBuffer in = ByteBuffer.wrap(mp4);
    int initEnd = -1;
    int fragmentStart = -1;
    List<ByteBuffer> fragments = new ArrayList<>();
    while (in.hasRemaining()) {
      int start = in.position();
      String type = header(in);
      if (type.equals("moov")) {
        initEnd = in.position();
      } else if (type.equals("moof")) {
        fragmentStart = start;
      } else if (type.equals("mdat") && fragmentStart >= 0) {
        fragments.add(
            ByteBuffer.wrap(mp4, fragmentStart, in.position() - fragmentStart)
                .slice()
                .asReadOnlyBuffer());
        fragmentStart = -1;
      }
    }
    if (initEnd < 0) {
      throw new MediaFormatException("the recording has no init segment (moov)");
    }
    return new Views(Arrays.copyOf(mp4, initEnd), fragments);
  }

  /** Reads one box header and skips its body; its type. */
  private static String header(ByteBuffer in) {
    if (in.remaining() < 8) {
      throw new MediaFormatException("a box header is cut short at byte " + in.position());
    }
    long size = in.getInt() & 0xffff_ffffL;
    byte[] type = new byte[4];
    in.get(type);
    if (size < 8 || size - 8 > in.remaining()) {
      throw new MediaFormatException(
          "a box of " + size + " bytes does not fit at byte " + (in.position() - 8));
    }
    in.position(in.position() + (int) (size - 8));
    return new String(type, StandardCharsets.ISO_8859_1);
  }
}
