package io.hearth.api.e2e;

import io.hearth.runtime.testing.Peers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real RTSP camera: GStreamer's RTSP server (e2e/gst-rtsp-camera.py, run by Debian's
 * /usr/bin/python3, which has gi) on a loopback port, 320x240 at 15 fps, in a chosen pattern.
 */
final class GstCamera implements AutoCloseable {
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

  /** Starts a camera sending {@code codec} (h264 or h265) of a videotestsrc pattern. */
  static GstCamera start(String codec, String pattern) throws Exception {
    requirePeer();
    int port = Peers.freePort();
    Process process =
        new ProcessBuilder(PYTHON, script(), String.valueOf(port), codec, pattern)
            .redirectErrorStream(true)
            .start();
    GstCamera camera = new GstCamera(process, port);
    if (!camera.awaitReady()) {
      camera.close();
      throw new IllegalStateException("GStreamer RTSP server did not start");
    }
    return camera;
  }

  String url() {
    return "rtsp://127.0.0.1:" + port + "/cam";
  }

  private boolean awaitReady() throws Exception {
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
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
            },
            "gst-camera-output");
    reader.setDaemon(true);
    reader.start();
    return ready.get(20, TimeUnit.SECONDS);
  }

  private static void requirePeer() throws Exception {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      Peers.missing(PYTHON + " not found: install the Debian packages " + PACKAGES);
    }
    Process check =
        new ProcessBuilder(
                PYTHON,
                "-c",
                "import gi; gi.require_version('GstRtspServer', '1.0');"
                    + " from gi.repository import GstRtspServer")
            .redirectErrorStream(true)
            .start();
    if (!check.waitFor(20, TimeUnit.SECONDS) || check.exitValue() != 0) {
      check.destroyForcibly();
      Peers.missing("GStreamer RTSP server bindings missing: install " + PACKAGES);
    }
  }

  private static String script() {
    try {
      return Path.of(GstCamera.class.getResource("/e2e/gst-rtsp-camera.py").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
