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
public final class GstCamera implements AutoCloseable {
  /** The picture every camera sends, as e2e/gst-rtsp-camera.py sets it. */
  static final int WIDTH = 320;

  static final int HEIGHT = 240;
  static final int FPS = 15;

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
  public static GstCamera start(String codec, String pattern) throws Exception {
    requirePeer(codec);
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

  public String url() {
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

  private static void requirePeer(String codec) throws Exception {
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
