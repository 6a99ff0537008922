package io.hearth.api;

import io.hearth.runtime.testing.ChildProcess;
import io.hearth.runtime.testing.Ffmpeg;
import io.hearth.runtime.testing.TestNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The storm's RTP attacker, on the far side of the test network: ffmpeg encodes a 640x480 H.264
 * test picture as RTP, and storm/rtp-spray.py sends every datagram on to every UDP port the hub
 * holds (its cameras' RTP and RTCP ports among them), from each of the given addresses: a UDP
 * camera's own address from another port, and an address no camera has. A thread here keeps the
 * list of the hub's ports current, since they change when the hub sets a camera up again.
 */
final class RtpSpray implements AutoCloseable {
  static final String SIZE = "640x480";
  private static final int LISTEN = 24_680;

  private final StormHub hub;
  private final Path dir;
  private final Path ports;
  private final Thread refresher;
  private volatile boolean running = true;

  private RtpSpray(StormHub hub, Path dir) {
    this.hub = hub;
    this.dir = dir;
    this.ports = dir.resolve("hub-udp-ports.txt");
    this.refresher = new Thread(this::refresh, "rtp-spray-ports");
    refresher.setDaemon(true);
  }

  /** Starts spraying at the hub (at {@code hubAddress}) from {@code sources}. */
  static RtpSpray start(
      TestNetwork net, Path dir, StormHub hub, String hubAddress, List<String> sources)
      throws IOException {
    RtpSpray spray = new RtpSpray(hub, dir);
    Files.writeString(spray.ports, "");
    spray.refresher.start();
    Path script = dir.resolve("rtp-spray.py");
    try (InputStream in = RtpSpray.class.getResourceAsStream("/storm/rtp-spray.py")) {
      Files.write(script, in.readAllBytes());
    }
    ChildProcess.of("/usr/bin/python3", script.toString(), String.valueOf(LISTEN))
        .args(String.join(",", sources), hubAddress, spray.ports.toString())
        .inside(net)
        .log(dir.resolve("rtp-spray.log"))
        .start();
    ChildProcess.of(Ffmpeg.h264Rtp(640, 480, 0x0BADF00D)) // SIZE, the spray's picture
        .args("-f", "rtp", "rtp://127.0.0.1:" + LISTEN)
        .inside(net)
        .log(dir.resolve("rtp-ffmpeg.log"))
        .start();
    return spray;
  }

  private void refresh() {
    while (running) {
      try {
        if (hub.port() > 0) {
          Set<Integer> now = hub.udpPorts();
          Files.writeString(
              ports, now.stream().map(String::valueOf).collect(Collectors.joining("\n")));
        }
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        // the hub is restarting; try again
      }
    }
  }

  /** How many datagrams the spray sent to the hub, as it last reported (each second). */
  long sent() throws IOException {
    Path log = dir.resolve("rtp-spray.log");
    return Files.readString(log)
        .lines()
        .filter(l -> l.startsWith("SENT "))
        .mapToLong(l -> Long.parseLong(l.substring(5).trim()))
        .max()
        .orElse(0);
  }

  @Override
  public void close() {
    running = false;
    refresher.interrupt();
  }
}
