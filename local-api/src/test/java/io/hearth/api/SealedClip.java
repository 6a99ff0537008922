package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.runtime.security.Sealer;
import io.hearth.runtime.security.Unsealer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A played recording as a viewer puts it back together: every chunk opened with the session's key
 * for the camera (a chunk sealed for another session or camera does not open), the init segment,
 * then the fragments in order, into one playable MP4.
 */
final class SealedClip {
  private SealedClip() {}

  /** The MP4 of the chunks {@code client} received, to its CONTROL "end". */
  static byte[] reassemble(StreamClient client, String camera) throws Exception {
    return reassemble(client.chunks, client.key(), client.session.getString("session_id"), camera);
  }

  /** The MP4 of {@code chunks}: INIT first, CONTROL last, fails on any chunk that does not open. */
  static byte[] reassemble(List<byte[]> chunks, byte[] key, String sessionId, String camera)
      throws Exception {
    Unsealer unsealer = new Unsealer(key, sessionId, camera);
    ByteArrayOutputStream mp4 = new ByteArrayOutputStream();
    List<Sealer.Kind> kinds = new ArrayList<>();
    for (byte[] chunk : chunks) {
      Unsealer.Opened opened = unsealer.open(chunk);
      kinds.add(opened.kind());
      if (opened.kind() == Sealer.Kind.INIT) {
        ByteBuffer init = ByteBuffer.wrap(opened.payload());
        init.position(2 + init.getShort() + 8);
        mp4.write(opened.payload(), init.position(), init.remaining());
      } else if (opened.kind() == Sealer.Kind.MEDIA) {
        mp4.writeBytes(opened.payload());
      }
    }
    assertEquals(Sealer.Kind.INIT, kinds.get(0), kinds.toString());
    assertEquals(Sealer.Kind.CONTROL, kinds.get(kinds.size() - 1), kinds.toString());
    return mp4.toByteArray();
  }
}
