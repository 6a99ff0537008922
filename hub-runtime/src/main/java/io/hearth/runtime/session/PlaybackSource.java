package io.hearth.runtime.session;

import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A recording to play in a session, read one stored segment at a time: its MIME type with codecs,
 * picture size, the fragmented MP4's init segment, its first part, and the parts after it, each
 * read (and decrypted) only when the player asks. A part holds its bytes in the hub's playback
 * budget until it is {@linkplain Part#release() released}: so a clip of any length holds at most
 * two parts, and all playbacks together at most the budget (a box runs with a heap of 96 MiB).
 */
public record PlaybackSource(
    String mime, int width, int height, byte[] init, Part first, Parts rest) {

  /**
   * The fragments of one stored segment, in order (views of its decrypted bytes), how long they
   * last together, and what gives its memory back: call {@link #release()} once it is played.
   */
  public record Part(List<ByteBuffer> fragments, long durationMs, Runnable releaser) {
    public void release() {
      releaser.run();
    }
  }

  /** The parts after the first, in order; {@code null} parts when over. */
  public interface Parts {
    /** The next part, once the budget has room for it. */
    Future<Part> next();

    /** The next part if the budget has room now (read ahead); else null, and nothing asked. */
    Future<Part> nextIfFree();
  }

  /** No parts after the first. */
  public static final Parts NONE =
      new Parts() {
        @Override
        public Future<Part> next() {
          return Future.succeededFuture(null);
        }

        @Override
        public Future<Part> nextIfFree() {
          return next();
        }
      };

  /**
   * Everything as one fragmented MP4, reading every part into memory: for tests and tools, never
   * for a viewer (a session plays part by part).
   */
  public Future<byte[]> whole() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(init);
    write(out, first);
    return rest(out).map(v -> out.toByteArray());
  }

  private static void write(ByteArrayOutputStream out, Part part) {
    for (ByteBuffer fragment : part.fragments()) {
      byte[] bytes = new byte[fragment.remaining()];
      fragment.duplicate().get(bytes);
      out.writeBytes(bytes);
    }
    part.release();
  }

  private Future<Void> rest(ByteArrayOutputStream out) {
    return rest.next()
        .compose(
            part -> {
              if (part == null) {
                return Future.succeededFuture();
              }
              write(out, part);
              return rest(out);
            });
  }
}
