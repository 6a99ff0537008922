package io.hearth.runtime.recording;

import io.hearth.runtime.store.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hub's recording key: 32 random bytes in {@code <data>/recording.key}, readable by the hub's
 * user only, made on first use. It wraps each segment's own key; without it (a stolen SD card
 * without the hub's data directory, or with the key file deleted) no segment opens.
 */
final class RecordingKey {
  static final String FILE = "recording.key";
  private static final String WRAPPED = "wrapped-key";

  private final byte[] key;

  private RecordingKey(byte[] key) {
    this.key = key;
  }

  /** Reads the key, or makes it. Blocking: call it off the event loop. */
  static RecordingKey load(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      SecureFiles.writeNewPrivateFile(file, SegmentCipher.newKey());
    }
    byte[] key = Files.readAllBytes(file);
    if (key.length != SegmentCipher.KEY_BYTES) {
      throw new IOException(
          file
              + " holds "
              + key.length
              + " bytes, not a recording key; restore it from a backup (recordings cannot be"
              + " read without it) or move it aside to start afresh");
    }
    return new RecordingKey(key);
  }

  byte[] wrap(String segmentId, byte[] segmentKey) {
    return SegmentCipher.seal(key, WRAPPED, segmentId, segmentKey);
  }

  byte[] unwrap(String segmentId, byte[] wrapped) {
    return SegmentCipher.open(key, WRAPPED, segmentId, wrapped);
  }
}
