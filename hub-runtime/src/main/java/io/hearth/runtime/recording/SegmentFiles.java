package io.hearth.runtime.recording;

import io.hearth.runtime.store.SecureFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Segment files under {@code <data>/recordings/<camera>/<segment>.hrs}, directories 0700 and files
 * 0600. A file is written to a temporary name, synced, then renamed, so a power cut leaves either
 * the whole file or a temporary one that the next start deletes. Blocking: call off the event loop.
 */
final class SegmentFiles {
  static final String SUFFIX = ".hrs";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Path root;

  SegmentFiles(Path dataDir) {
    this(dataDir, "recordings");
  }

  /** Sealed files of another kind (event thumbnails) under {@code <data>/<folder>/<camera>/}. */
  SegmentFiles(Path dataDir, String folder) {
    this.root = dataDir.resolve(folder);
  }

  Path root() {
    return root;
  }

  Path path(String cameraId, String segmentId) {
    return root.resolve(checked(cameraId)).resolve(checked(segmentId) + SUFFIX);
  }

  void write(String cameraId, String segmentId, byte[] bytes) throws IOException {
    Path dir = root.resolve(checked(cameraId));
    if (!Files.isDirectory(root)) {
      SecureFiles.createPrivateDirectory(root);
    }
    if (!Files.isDirectory(dir)) {
      SecureFiles.createPrivateDirectory(dir);
    }
    Path target = path(cameraId, segmentId);
    Path temporary = dir.resolve(segmentId + SUFFIX + ".tmp");
    SecureFiles.createPrivateFile(temporary);
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
  }

  byte[] read(String cameraId, String segmentId) throws IOException {
    return Files.readAllBytes(path(cameraId, segmentId));
  }

  void delete(String cameraId, String segmentId) throws IOException {
    Files.deleteIfExists(path(cameraId, segmentId));
  }

  /** Every file under the root: finished segments and leftovers of a cut. */
  List<Path> all() throws IOException {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root, 2)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    return files;
  }

  private static String checked(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a safe file name for a recording: " + id);
    }
    return id;
  }
}
