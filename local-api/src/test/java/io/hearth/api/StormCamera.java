package io.hearth.api;

import io.hearth.runtime.testing.GstCamera;
import io.hearth.runtime.testing.TestNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real RTSP camera of the storm: a {@link GstCamera} on the far side of a {@link TestNetwork}, at
 * its own address, port 8554, with its own picture size (and SPS and PPS in band), refusing either
 * UDP or TCP so that the hub fetches it the other way. It can be killed and started again at the
 * same address: a cut camera link.
 */
final class StormCamera {
  static final int PORT = 8554;

  final String name;
  final String address;
  final int width;
  final int height;
  final String lower;
  private final TestNetwork net;
  private final Path dir;
  private GstCamera camera;
  private int starts;

  StormCamera(TestNetwork net, Path dir, String name, String address, int w, int h, String lower) {
    this.net = net;
    this.dir = dir;
    this.name = name;
    this.address = address;
    this.width = w;
    this.height = h;
    this.lower = lower;
  }

  String size() {
    return width + "x" + height;
  }

  String url() {
    return "rtsp://" + address + ":" + PORT + "/cam";
  }

  /** Starts the server without waiting for it; see {@link #awaitReady}. */
  void start() throws IOException, InterruptedException {
    camera =
        GstCamera.builder()
            .format("I420")
            .size(width, height)
            .inbandParameterSets()
            .protocols(lower)
            .address(address, PORT)
            .inside(net, dir.resolve("camera-" + name + "-" + ++starts + ".log"))
            .launch();
  }

  /** Waits until the server listens. */
  void awaitReady(long millis) throws InterruptedException {
    camera.awaitReady(Duration.ofMillis(millis));
  }

  /** kill -9, as a power cut or a crash would end it; waits until it is gone. */
  void kill() throws InterruptedException {
    camera.kill();
  }
}
