package io.hearth.adapters.onvif;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.testing.ChildProcess;
import io.hearth.runtime.testing.Peers;
import io.hearth.runtime.testing.TestNetwork;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A simulated ONVIF camera (onvif-camera.py, run by Debian's /usr/bin/python3) on the far side of a
 * {@link TestNetwork}: WS-Discovery, the device and media services with UsernameToken checks, and,
 * if asked, GStreamer's RTSP server with the same credentials as the stream.
 */
final class SimulatedCamera {
  static final String PYTHON = "/usr/bin/python3";
  static final String USER = "admin";
  static final String PASSWORD = "s3cret-Pa55";
  static final Camera.Credentials CREDENTIALS = new Camera.Credentials(USER, PASSWORD);
  static final int HTTP_PORT = 8080;
  static final int RTSP_PORT = 8554;
  private static final String PACKAGES =
      "python3-gi python3-gst-1.0 gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-good"
          + " gstreamer1.0-plugins-ugly";

  final String uuid;
  final String name;
  final Path log;

  /** Its address and ONVIF HTTP port when it started. */
  String host;

  int port;
  private ChildProcess process;

  private SimulatedCamera(String uuid, String name, Path log) {
    this.uuid = uuid;
    this.name = name;
    this.log = log;
  }

  /** Starts the camera in {@code net}; with {@code rtsp}, GStreamer serves its stream. */
  static SimulatedCamera start(TestNetwork net, Path dir, String name, boolean rtsp)
      throws Exception {
    requirePeer(rtsp);
    String uuid = "urn:uuid:" + UUID.randomUUID();
    return run(net, dir, uuid, name, List.of(String.valueOf(HTTP_PORT), rtsp ? "8554" : "0"));
  }

  /** A camera whose stream is {@code width} x {@code height}. */
  static SimulatedCamera sized(TestNetwork net, Path dir, String name, int width, int height)
      throws Exception {
    requirePeer(true);
    String uuid = "urn:uuid:" + UUID.randomUUID();
    return run(
        net,
        dir,
        uuid,
        name,
        List.of(String.valueOf(HTTP_PORT), String.valueOf(RTSP_PORT), "" + width, "" + height));
  }

  /**
   * An impostor: announces {@code uuid} (another camera's endpoint reference) with its ONVIF
   * service on {@code httpPort}, answers every request whatever its credentials, with {@code
   * serial} as its serial number; no stream. It logs every request it gets.
   */
  static SimulatedCamera impostor(
      TestNetwork net, Path dir, String uuid, String name, int httpPort, String serial)
      throws Exception {
    requirePeer(false);
    return run(
        net, dir, uuid, name, List.of(String.valueOf(httpPort), "0", "320", "240", serial, "any"));
  }

  private static SimulatedCamera run(
      TestNetwork net, Path dir, String uuid, String name, List<String> args) throws Exception {
    SimulatedCamera camera =
        new SimulatedCamera(uuid, name, dir.resolve("camera-" + name + ".log"));
    camera.process =
        ChildProcess.of(PYTHON, script(), uuid, name, USER, PASSWORD)
            .args(args)
            .inside(net)
            .log(camera.log)
            .start();
    camera.host = net.peerAddress().getHostAddress();
    camera.port = Integer.parseInt(args.get(0));
    camera.awaitLog("READY", 20);
    return camera;
  }

  /** The serial number it answers by default (as onvif-camera.py makes it). */
  String serial() {
    return uuid.substring(uuid.length() - 12);
  }

  /** Stops it (the network stops the others when it closes). */
  void stop() throws InterruptedException {
    process.kill();
  }

  /** Its output so far. */
  String output() throws IOException {
    return process.output();
  }

  /**
   * Changes its event-service knobs (onvif-camera.py's POST /control): schedule, lifetime_cap,
   * refuse_renew, drop, post.
   */
  void control(String json) throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://" + host + ":" + port + "/control"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
            .timeout(Duration.ofSeconds(10))
            .build();
    var answer =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
    if (answer.statusCode() != 200) {
      throw new IOException("control answered " + answer.statusCode());
    }
  }

  /** How many lines of its output start with {@code word} and a space. */
  long count(String word) throws IOException {
    return output().lines().filter(l -> l.startsWith(word + " ")).count();
  }

  /** The lines of its output that start with {@code word} and a space. */
  java.util.List<String> lines(String word) throws IOException {
    return output().lines().filter(l -> l.startsWith(word + " ")).toList();
  }

  /** Waits until the camera's output has {@code text}; fails after {@code seconds}. */
  void awaitLog(String text, int seconds) throws Exception {
    process.awaitOutput(text, Duration.ofSeconds(seconds));
  }

  private static void requirePeer(boolean rtsp) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      Peers.missing(PYTHON + " not found: install the Debian package python3");
    }
    if (!rtsp) {
      return;
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
      return Path.of(SimulatedCamera.class.getResource("/onvif-camera.py").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
