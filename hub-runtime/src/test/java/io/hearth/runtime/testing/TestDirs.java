package io.hearth.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary directories for fixtures that live longer than one test (JUnit's {@code @TempDir} is
 * for test classes; a fixture registered as an extension makes and deletes its own).
 */
public final class TestDirs {
  private TestDirs() {}

  public static Path create(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }

  /**
   * Deletes a directory tree. Child processes (a browser's helpers, a hub's writers) may still
   * write into it for a moment after they exit, so a file can vanish mid-walk: walk again until it
   * is gone (five walks at most, 100 ms apart).
   */
  public static void delete(Path dir) throws InterruptedException {
    for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (UncheckedIOException | NoSuchFileException e) {
        Thread.sleep(100); // paces the retries of a walk that met a vanishing file
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
