package io.hearth.runtime.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A process a test starts — a hub or relay JVM, a Python peer, a command-line tool — started one
 * way: its output (stdout and stderr) into a log file, on this host or on the far side of a {@link
 * TestNetwork}; ready when a line appears in that output or a probe answers, failing at once (with
 * the output) if it exits first; ended politely (SIGTERM, then SIGKILL after 10 s) or killed at
 * once with its descendants. The one launcher of the tests, so that starting, waiting and cleaning
 * up cannot drift between them.
 */
public final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** A process running {@code command}. */
  public static Builder of(List<String> command) {
    return new Builder(command);
  }

  /** A process running {@code command}. */
  public static Builder of(String... command) {
    return of(List.of(command));
  }

  /** A JVM like this one running {@code mainClass} on {@link #productionClassPath} (by default). */
  public static Builder java(String mainClass) {
    Builder builder = new Builder(List.of());
    builder.mainClass = mainClass;
    return builder;
  }

  /**
   * This JVM's class path (surefire's, in a test) without test classes and test jars, and only the
   * entries {@code keep} accepts: what a deployed process has, with its own logging set-up.
   */
  public static String productionClassPath(Predicate<String> keep) {
    return Arrays.stream(testClassPath().split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
        .filter(keep)
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** This JVM's whole class path, test classes included (surefire's, in a test). */
  public static String testClassPath() {
    String path = System.getProperty("surefire.test.class.path");
    return path == null || path.isBlank() ? System.getProperty("java.class.path") : path;
  }

  /** How to start one process; {@link #start()} starts it. */
  public static final class Builder {
    private final List<String> command;
    private String mainClass;
    private String classPath;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private Path log;
    private boolean append;
    private TestNetwork net;

    private Builder(List<String> command) {
      this.command = List.copyOf(command);
    }

    /** JVM options before the main class (only with {@link ChildProcess#java}). */
    public Builder jvmArgs(List<String> options) {
      jvmArgs.addAll(options);
      return this;
    }

    /** The class path of a JVM (default: {@link #productionClassPath} of every entry). */
    public Builder classPath(String path) {
      classPath = path;
      return this;
    }

    /** Arguments after the command (or the main class). */
    public Builder args(List<String> more) {
      args.addAll(more);
      return this;
    }

    /** Arguments after the command (or the main class). */
    public Builder args(String... more) {
      return args(List.of(more));
    }

    /** Where the output goes (default: a temporary file); {@code append} keeps what is there. */
    public Builder log(Path file, boolean append) {
      this.log = file;
      this.append = append;
      return this;
    }

    /** Where the output goes, replacing what was there. */
    public Builder log(Path file) {
      return log(file, false);
    }

    /** Runs it on the far side of {@code net}; the network kills it when it closes. */
    public Builder inside(TestNetwork net) {
      this.net = net;
      return this;
    }

    public ChildProcess start() throws IOException {
      Path out = log != null ? log : Files.createTempFile("child", ".log");
      if (log == null) {
        out.toFile().deleteOnExit();
      }
      List<String> full = commandLine();
      if (net != null) {
        return new ChildProcess(net.start(full, out), out);
      }
      ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
      builder.redirectOutput(
          append
              ? ProcessBuilder.Redirect.appendTo(out.toFile())
              : ProcessBuilder.Redirect.to(out.toFile()));
      return new ChildProcess(builder.start(), out);
    }

    private List<String> commandLine() {
      if (mainClass == null) {
        List<String> full = new ArrayList<>(command);
        full.addAll(args);
        return full;
      }
      List<String> full = new ArrayList<>();
      full.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      full.addAll(jvmArgs);
      String path = classPath != null ? classPath : productionClassPath(entry -> true);
      full.addAll(List.of("-cp", path, mainClass));
      full.addAll(args);
      return full;
    }
  }

  public Process process() {
    return process;
  }

  public Path log() {
    return log;
  }

  /** Its output so far. */
  public String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** Waits until its output holds {@code text}; fails at once if it exits first. */
  public ChildProcess awaitOutput(String text, Duration bound) throws Exception {
    await(bound, "output " + text, () -> output().contains(text) ? Boolean.TRUE : null);
    return this;
  }

  /**
   * Polls {@code probe} until it gives a value (as {@link Eventually#value}); fails at once, with
   * the exit code and the output, if the process exits first, and with the output if time is up.
   */
  public <T> T await(Duration bound, String what, Eventually.Probe<T> probe) throws Exception {
    try {
      return Eventually.value(bound, what, () -> probeAlive(probe));
    } catch (Exited e) {
      throw e; // an Error, not retried by Eventually: the process is gone
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; output:\n" + output(), e);
    }
  }

  private <T> T probeAlive(Eventually.Probe<T> probe) throws Exception {
    T value = probe.get();
    if (value == null && !process.isAlive()) {
      throw new Exited("exited with " + process.exitValue() + "; output:\n" + output());
    }
    return value;
  }

  /** kill -9 of it and its descendants (a power cut, a crash); waits until it is gone. */
  public void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM, as systemd stops a service; SIGKILL if it is still there after 10 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      kill();
    }
  }

  /** The process ended while a test waited for it. */
  private static final class Exited extends AssertionError {
    Exited(String message) {
      super(message);
    }
  }
}
