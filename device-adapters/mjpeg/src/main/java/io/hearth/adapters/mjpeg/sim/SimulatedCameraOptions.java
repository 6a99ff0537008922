package io.hearth.adapters.mjpeg.sim;

import io.hearth.runtime.camera.Camera;

/**
 * How a {@link SimulatedMjpegCamera} listens and what it shows: host and port (0 picks a free one),
 * frames per second, picture size, and optional Basic-auth credentials (null for none).
 */
public record SimulatedCameraOptions(
    String host, int port, int fps, int width, int height, Camera.Credentials credentials) {
  public static final int DEFAULT_FPS = 10;
  public static final int DEFAULT_WIDTH = 640;
  public static final int DEFAULT_HEIGHT = 360;

  /** Checks the values. */
  public SimulatedCameraOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535: " + port);
    }
    if (fps < 1 || fps > 60) {
      throw new IllegalArgumentException("fps must be 1 to 60: " + fps);
    }
    if (width < 64 || height < 64 || width > 4096 || height > 4096) {
      throw new IllegalArgumentException("size must be 64 to 4096 pixels: " + width + "x" + height);
    }
  }

  /** Loopback, a free port, 10 fps, 640x360, no credentials. */
  public static SimulatedCameraOptions defaults() {
    return new SimulatedCameraOptions(
        "127.0.0.1", 0, DEFAULT_FPS, DEFAULT_WIDTH, DEFAULT_HEIGHT, null);
  }

  public SimulatedCameraOptions withPort(int value) {
    return new SimulatedCameraOptions(host, value, fps, width, height, credentials);
  }

  public SimulatedCameraOptions withFps(int value) {
    return new SimulatedCameraOptions(host, port, value, width, height, credentials);
  }

  public SimulatedCameraOptions withSize(int w, int h) {
    return new SimulatedCameraOptions(host, port, fps, w, h, credentials);
  }

  public SimulatedCameraOptions withCredentials(String username, String password) {
    return new SimulatedCameraOptions(
        host, port, fps, width, height, new Camera.Credentials(username, password));
  }
}
