package io.hearth.adapters.rtsp.demo;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.discovery.ServiceAnnouncement;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H.264 camera of {@code hearth demo}: GStreamer's RTSP server, started on loopback when
 * Debian's GStreamer packages are installed, added to the home like any camera. Without them the
 * demo runs with its MJPEG camera only, and says what to install. Off unless the demo turns it on.
 */
public final class DemoRtspCamera implements HubModule {
  static final String NAME = "Demo camera (H.264 RTSP)";
  static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Logger LOG = LoggerFactory.getLogger(DemoRtspCamera.class);

  private Process server;

  @Override
  public String name() {
    return "demo-rtsp-camera";
  }

  @Override
  public String description() {
    return "a GStreamer H.264 RTSP camera for hearth demo, when GStreamer is installed";
  }

  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public int startOrder() {
    return 160;
  }

  @Override
  public List<String> demoSettings() {
    return List.of("demo-rtsp-camera.enabled=true");
  }

  @Override
  public Future<Void> start(ModuleContext context) {
    return context
        .vertx()
        .executeBlocking(this::launch, false)
        .compose(
            port -> {
              if (port < 0) {
                return Future.succeededFuture();
              }
              // Announced like a real camera (on loopback in a demo), so discovery lists it.
              context
                  .announcements()
                  .announce(
                      new ServiceAnnouncement(
                          "_rtsp._tcp",
                          NAME,
                          port,
                          java.util.Map.of("path", "cam", "id", "hearth-demo-rtsp-1")));
              return context
                  .cameras()
                  .list()
                  .compose(
                      existing ->
                          existing.stream().anyMatch(c -> c.name().equals(NAME))
                              ? Future.succeededFuture()
                              : context
                                  .cameras()
                                  .create(
                                      Principal.HUB,
                                      "rtsp",
                                      new Camera(
                                          "new",
                                          NAME,
                                          URI.create("rtsp://127.0.0.1:" + port + "/cam"),
                                          null,
                                          null))
                                  .mapEmpty());
            });
  }

  /** Starts the server and waits for READY; -1 (and one log line) when it cannot run here. */
  private int launch() throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      LOG.info("demo: no H.264 camera (needs /usr/bin/python3 with GStreamer)");
      return -1;
    }
    Path script = Files.createTempFile("hearth-demo-camera", ".py");
    try (InputStream in =
        DemoRtspCamera.class.getResourceAsStream("/io/hearth/adapters/rtsp/demo-camera.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    int port = freePort();
    Path log = Files.createTempFile("hearth-demo-camera", ".log");
    server =
        new ProcessBuilder(PYTHON.toString(), script.toString(), String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!ready(server, log)) {
      server.destroyForcibly();
      LOG.info(
          "demo: no H.264 camera; install python3-gi python3-gst-1.0"
              + " gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-ugly for one");
      return -1;
    }
    return port;
  }

  /** Waits for READY in the server's log (a file, so a chatty server never blocks on a pipe). */
  private static boolean ready(Process process, Path log) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline && process.isAlive()) {
      if (Files.readString(log, StandardCharsets.UTF_8).contains("READY")) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public Future<Void> stop() {
    if (server != null) {
      server.destroy();
    }
    return Future.succeededFuture();
  }
}
