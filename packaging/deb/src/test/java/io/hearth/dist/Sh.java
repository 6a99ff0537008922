package io.hearth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command with a deadline and its output (stdout and stderr together) captured. */
final class Sh {
  /** A finished command: its exit code (-1 when it overran its deadline and was killed). */
  record Result(List<String> command, int code, String out) {
    /** Fails the test unless the command exited 0. */
    Result ok() {
      assertEquals(0, code, () -> String.join(" ", command) + " failed:\n" + tail());
      return this;
    }

    String tail() {
      return out.length() > 6000 ? "..." + out.substring(out.length() - 6000) : out;
    }
  }

  /** A command to repeat until it gives the wanted result. */
  @FunctionalInterface
  interface Attempt {
    Result run();
  }

  private Sh() {}

  static Result run(Duration timeout, String... command) {
    return run(timeout, Map.of(), List.of(command));
  }

  static Result run(Duration timeout, Map<String, String> env, List<String> command) {
    try {
      File log = File.createTempFile("hearth-sh-", ".log");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        return new Result(command, done ? process.exitValue() : -1, out);
      } finally {
        Files.deleteIfExists(log.toPath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
