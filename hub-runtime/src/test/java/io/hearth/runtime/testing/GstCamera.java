package io.hearth.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real RTSP camera for tests: GStreamer's RTSP server (gst-rtsp-camera.py, a resource of this
 * test jar, run by Debian's /usr/bin/python3, which has gi) on a loopback port, serving a live
 * videotestsrc pattern at /cam. One camera for every module's tests, so that what a "camera" is
 * cannot drift between them; {@link #builder()} sets codec, pattern, pixel format, size, rate and
 * RTSP authentication.
 */
public final class GstCamera implements AutoCloseable {
  /** The picture size and rate a camera sends unless told otherwise. */
  public static final int WIDTH = 320;

  public static final int HEIGHT = 240;
  public static final int FPS = 15;

  private static final String PYTHON = "/usr/bin/python3";
  private static final String PACKAGES =
      "python3-gi python3-gst-1.0 gir1.2-gst-rtsp-server-1.0"
          + " gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly";

  private final Process process;
  private final int port;

  private GstCamera(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Options of a camera; {@link Builder#start()} runs it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a camera sending {@code codec} (h264 or h265) of the default pattern. */
  public static GstCamera start(String codec) throws IOException, InterruptedException {
    return builder().codec(codec).start();
  }

  public String url() {
    return "rtsp://127.0.0.1:" + port + "/cam";
  }

  public int port() {
    return port;
  }

  /** What a camera sends; every option maps to one flag of gst-rtsp-camera.py. */
  public static final class Builder {
    private String codec = "h264";
    private final List<String> flags = new ArrayList<>();

    private Builder() {}

    /** h264 (default) or h265. */
    public Builder codec(String codec) {
      this.codec = codec;
      return this;
    }

    /** A videotestsrc pattern (smpte, red, blue, ...), so tests can tell cameras apart. */
    public Builder pattern(String pattern) {
      return flag("--pattern", pattern);
    }

    /** Pins the raw format, e.g. I420 as cameras send it (unpinned, x265enc picks 4:4:4). */
    public Builder format(String format) {
      return flag("--format", format);
    }

    /** Picture size (default {@link #WIDTH} x {@link #HEIGHT}). */
    public Builder size(int width, int height) {
      return flag("--size", width + "x" + height);
    }

    /** Frames per second (default {@link #FPS}). */
    public Builder fps(int fps) {
      return flag("--fps", String.valueOf(fps));
    }

    /** Requires RTSP authentication: method "basic" or "digest". */
    public Builder auth(String method, String user, String password) {
      flags.addAll(List.of("--auth", method, user, password));
      return this;
    }

    private Builder flag(String name, String value) {
      flags.addAll(List.of(name, value));
      return this;
    }

    /** Runs the camera and waits until it listens (skips the test if GStreamer is missing). */
    public GstCamera start() throws IOException, InterruptedException {
      requirePeer(codec);
      int port = Peers.freePort();
      List<String> command =
          new ArrayList<>(List.of(PYTHON, script().toString(), String.valueOf(port), codec));
      command.addAll(flags);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      GstCamera camera = new GstCamera(process, port);
      if (!camera.awaitReady()) {
        camera.close();
        throw new IllegalStateException("GStreamer RTSP server did not start");
      }
      return camera;
    }
  }

  private boolean awaitReady() throws InterruptedException {
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> readOutput(ready), "gst-camera-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return ready.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  private void readOutput(CompletableFuture<Boolean> ready) {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.contains("READY")) {
          ready.complete(true);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
    ready.complete(false);
  }

  private static void requirePeer(String codec) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      Peers.missing(PYTHON + " not found: install the Debian packages " + PACKAGES);
    }
    String encoder = "h265".equals(codec) ? "x265enc" : "x264enc";
    // Exit 2: no RTSP server bindings; exit 3: no encoder element.
    Process check =
        new ProcessBuilder(
                PYTHON,
                "-c",
                "import sys, gi\n"
                    + "try:\n"
                    + "  gi.require_version('Gst', '1.0')\n"
                    + "  gi.require_version('GstRtspServer', '1.0')\n"
                    + "  from gi.repository import Gst, GstRtspServer\n"
                    + "except (ImportError, ValueError):\n"
                    + "  sys.exit(2)\n"
                    + "Gst.init(None)\n"
                    + "sys.exit(3 if Gst.ElementFactory.find('"
                    + encoder
                    + "') is None else 0)\n")
            .redirectErrorStream(true)
            .start();
    if (!check.waitFor(20, TimeUnit.SECONDS)) {
      check.destroyForcibly();
      Peers.missing("GStreamer did not answer within 20 s: check " + PACKAGES);
    } else if (check.exitValue() == 3) {
      // x264enc is in gstreamer1.0-plugins-ugly, x265enc in gstreamer1.0-plugins-bad.
      Peers.missing(
          "GStreamer's "
              + encoder
              + " encoder missing: install "
              + ("h265".equals(codec) ? "gstreamer1.0-plugins-bad" : "gstreamer1.0-plugins-ugly"));
    } else if (check.exitValue() != 0) {
      Peers.missing("GStreamer RTSP server bindings missing: install " + PACKAGES);
    }
  }

  /** The script, copied out of the test jar (or test-classes) once per JVM. */
  private static synchronized Path script() throws IOException {
    if (script == null) {
      Path file = Files.createTempFile("gst-rtsp-camera", ".py");
      file.toFile().deleteOnExit();
      try (InputStream in = GstCamera.class.getResourceAsStream("gst-rtsp-camera.py")) {
        if (in == null) {
          throw new IllegalStateException("gst-rtsp-camera.py missing from the test jar");
        }
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      script = file;
    }
    return script;
  }

  private static Path script;

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
