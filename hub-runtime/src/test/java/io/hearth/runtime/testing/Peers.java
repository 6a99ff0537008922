package io.hearth.runtime.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real peers for tests (mosquitto, ffmpeg, GStreamer, chromium, ...). A missing peer skips the test
 * with the Debian package to install, unless {@code -Dhearth.peers.required=true} (CI), when it
 * fails.
 */
public final class Peers {
  private Peers() {}

  public static boolean required() {
    return Boolean.getBoolean("hearth.peers.required");
  }

  /** Returns the absolute path of an executable, or skips/fails naming the package. */
  public static Path require(String executable, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir, executable);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    for (String dir : new String[] {"/usr/bin", "/usr/sbin", "/sbin"}) {
      Path candidate = Path.of(dir, executable);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    missing(executable + " not found: install the Debian package " + debianPackage);
    return null;
  }

  /** Skips or fails (under CI) with a message saying what to install. */
  public static void missing(String message) {
    if (required()) {
      fail(message + " (hearth.peers.required=true)");
    }
    assumeTrue(false, message);
  }

  /** A TCP port that was free a moment ago on loopback. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
