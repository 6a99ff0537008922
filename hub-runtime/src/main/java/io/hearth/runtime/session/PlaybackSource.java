package io.hearth.runtime.session;

import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A recording to play in a session, read one stored segment at a time: its MIME type with codecs,
 * picture size, the fragmented MP4's init segment, the fragments of its first part, and the parts
 * after it, each read (and decrypted) only when the player asks. So a clip of any length holds at
 * most the part being played and the next one in memory, never the whole clip (a box runs with a
 * heap of 96 MiB).
 */
public record PlaybackSource(
    String mime, int width, int height, byte[] init, Part first, Parts rest) {

  /** The fragments of one stored segment, in order, and how long they last together. */
  public record Part(List<byte[]> fragments, long durationMs) {}

  /** The parts after the first, in order: each call reads the next; {@code null} when over. */
  public interface Parts {
    Future<Part> next();
  }

  /** No parts after the first. */
  public static final Parts NONE = () -> Future.succeededFuture(null);

  /**
   * Everything as one fragmented MP4, reading every part into memory: for tests and tools, never
   * for a viewer (a session plays part by part).
   */
  public Future<byte[]> whole() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(init);
    first.fragments().forEach(out::writeBytes);
    return rest(out).map(v -> out.toByteArray());
  }

  private Future<Void> rest(ByteArrayOutputStream out) {
    return rest.next()
        .compose(
            part -> {
              if (part == null) {
                return Future.succeededFuture();
              }
              part.fragments().forEach(out::writeBytes);
              return rest(out);
            });
  }
}
