package io.hearth.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs ffmpeg's programs as test peers: output kept in a test's directory, errors fail the test.
 */
public final class Ffmpeg {
  private Ffmpeg() {}

  /**
   * Runs a peer with its output in files under {@code dir}; fails on a timeout, a non-zero exit or
   * anything it reports on standard error (run it with {@code -v error}). Its standard output.
   */
  public static String run(Path dir, long limitSeconds, List<String> command) throws Exception {
    Path stdout = Files.createTempFile(dir, "out", ".txt");
    Path stderr = Files.createTempFile(dir, "err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(command.get(0) + " did not finish within " + limitSeconds + " s");
    }
    String errors = Files.readString(stderr, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), command.get(0) + " failed: " + errors);
    assertEquals("", errors.strip(), command.get(0) + " reported errors");
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  /**
   * ffprobe's view of the first video stream of {@code file}, every frame decoded: codec_name,
   * codec_tag_string, width, height, nb_read_frames, duration.
   */
  public static Map<String, String> probe(Path dir, long limitSeconds, Path file) throws Exception {
    String out =
        run(
            dir,
            limitSeconds,
            List.of(
                "ffprobe",
                "-v",
                "error",
                "-count_frames",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=codec_name,codec_tag_string,width,height,nb_read_frames,duration",
                "-of",
                "default=noprint_wrappers=1",
                file.toString()));
    Map<String, String> values = new HashMap<>();
    for (String line : out.lines().toList()) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return values;
  }
}
