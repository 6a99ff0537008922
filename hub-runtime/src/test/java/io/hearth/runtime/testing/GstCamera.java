package io.hearth.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real RTSP camera for tests: GStreamer's RTSP server (gst-rtsp-camera.py, a resource of this
 * test jar, run by Debian's /usr/bin/python3, which has gi) on a loopback port, serving a live
 * videotestsrc pattern at /cam. One camera for every module's tests, so that what a "camera" is
 * cannot drift between them; {@link #builder()} sets codec, pattern, pixel format, size, rate and
 * RTSP authentication, and can run the camera on the far side of a {@link TestNetwork} behind a
 * relay that records who connected and every Authorization header ({@link #output()}).
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

  /** Server ports inside network namespaces (one namespace has no other listeners). */
  private static final AtomicInteger INNER_PORTS = new AtomicInteger(18_000);

  private final ChildProcess process;
  private final int port;
  private final String url;

  private GstCamera(ChildProcess process, int port, String url) {
    this.process = process;
    this.port = port;
    this.url = url;
  }

  /** Options of a camera; {@link Builder#start()} runs it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a camera sending {@code codec} (h264 or h265) of the default pattern. */
  public static GstCamera start(String codec) throws IOException, InterruptedException {
    return builder().codec(codec).start();
  }

  /** rtsp://127.0.0.1:port/cam, or the relay's address and port where it has one. */
  public String url() {
    return url;
  }

  /** The RTSP server's own port (inside the namespace, for a camera in a {@link TestNetwork}). */
  public int port() {
    return port;
  }

  /** What the camera printed: READY, and with a relay a CONNECT and AUTHZ line per event. */
  public String output() throws IOException {
    return process.output();
  }

  /** What a camera sends; every option maps to one flag of gst-rtsp-camera.py. */
  public static final class Builder {
    private String codec = "h264";
    private final List<String> flags = new ArrayList<>();
    private String relay;
    private String address;
    private int port;
    private TestNetwork net;
    private Path log;

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

    /** A recording relay on {@code address}:{@code port} in front of the server; see output(). */
    public Builder relay(String address, int port) {
      relay = address + ":" + port;
      return flag("--relay", relay);
    }

    /**
     * Listens on {@code address}:{@code port} (of a {@link #inside} network) instead of a free
     * loopback port, and sends its RTP from that address.
     */
    public Builder address(String address, int port) {
      this.address = address;
      this.port = port;
      return flag("--address", address);
    }

    /** Lower transports it accepts: "tcp" (refuses UDP), "udp" (refuses TCP) or "any". */
    public Builder protocols(String protocols) {
      return flag("--protocols", protocols);
    }

    /** The colour (0xAARRGGBB) the ball pattern is drawn on: a watermark of the camera. */
    public Builder background(String argb) {
      return flag("--background", argb);
    }

    /**
     * Motion on a schedule (with the ball pattern): the ball shows and moves for {@code moving} ms,
     * then is hidden (drawn in the background's colour) for {@code still} ms, over and over.
     */
    public Builder moves(long moving, long still) {
      return flag("--moves", moving / 1000.0 + ":" + still / 1000.0);
    }

    /** Repeats SPS and PPS in the stream before every keyframe, as many cameras do. */
    public Builder inbandParameterSets() {
      flags.add("--inband");
      return this;
    }

    /** Runs the camera on the far side of {@code net}, its output written to {@code log}. */
    public Builder inside(TestNetwork net, Path log) {
      this.net = net;
      this.log = log;
      return this;
    }

    private Builder flag(String name, String value) {
      flags.addAll(List.of(name, value));
      return this;
    }

    /** Runs the camera and waits until it listens (skips the test if GStreamer is missing). */
    public GstCamera start() throws IOException, InterruptedException {
      GstCamera camera = launch();
      try {
        camera.awaitReady(Duration.ofSeconds(20));
      } catch (IllegalStateException e) {
        camera.process.kill();
        throw e;
      }
      return camera;
    }

    /** Runs the camera without waiting for it: see {@link GstCamera#awaitReady}. */
    public GstCamera launch() throws IOException, InterruptedException {
      requirePeer(codec);
      int at = port > 0 ? port : net == null ? Peers.freePort() : INNER_PORTS.getAndIncrement();
      List<String> command =
          new ArrayList<>(List.of(PYTHON, script().toString(), String.valueOf(at), codec));
      command.addAll(flags);
      String host = relay != null ? relay : (address != null ? address : "127.0.0.1") + ":" + at;
      ChildProcess.Builder child = ChildProcess.of(command);
      if (net != null) {
        child.inside(net).log(log);
      }
      return new GstCamera(child.start(), at, "rtsp://" + host + "/cam");
    }
  }

  /** Waits until the camera listens; fails at once if it exits. */
  public void awaitReady(Duration bound) throws InterruptedException {
    try {
      process.awaitOutput("READY", bound);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception | AssertionError e) {
      throw new IllegalStateException("GStreamer RTSP server did not start: " + e.getMessage());
    }
  }

  /** kill -9, as a power cut or a crash would end it; waits until it is gone. */
  public void kill() throws InterruptedException {
    process.kill();
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
    process.close();
  }
}
