package io.hearth.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Heap dumps of another JVM ({@code jcmd <pid> GC.heap_dump -all}, unreachable objects included)
 * and a streaming search of their bytes: HPROF keeps byte arrays (and Latin-1 strings) as they are,
 * so a key held anywhere on that heap shows up as its raw bytes.
 */
final class HeapDumps {
  private static final int BLOCK = 8 << 20;

  private HeapDumps() {}

  /** Dumps the heap of process {@code pid} into {@code file}, with the JDK running this test. */
  static Path dump(long pid, Path file) throws IOException, InterruptedException {
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    Path jcmd = java.resolveSibling("jcmd");
    Process p =
        new ProcessBuilder(
                List.of(
                    jcmd.toString(), Long.toString(pid), "GC.heap_dump", "-all", file.toString()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(file)) {
      throw new IOException("jcmd could not dump the heap of " + pid + ": " + out);
    }
    return file;
  }

  /** Which of {@code needles} occur in the file (by index), reading it once, block by block. */
  static List<Integer> found(Path file, List<byte[]> needles) throws IOException {
    int overlap = needles.stream().mapToInt(n -> n.length).max().orElse(1) - 1;
    List<Integer> found = new ArrayList<>();
    byte[] buffer = new byte[BLOCK + overlap];
    int kept = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int read; (read = in.readNBytes(buffer, kept, BLOCK)) > 0; ) {
        int length = kept + read;
        for (int i = 0; i < needles.size(); i++) {
          if (!found.contains(i) && indexOf(buffer, length, needles.get(i)) >= 0) {
            found.add(i);
          }
        }
        kept = Math.min(overlap, length);
        System.arraycopy(buffer, length - kept, buffer, 0, kept);
      }
    }
    return found;
  }

  private static int indexOf(byte[] haystack, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
