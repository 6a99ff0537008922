package io.hearth.adapters.rtsp;

import io.hearth.runtime.testing.ChildProcess;
import io.hearth.runtime.testing.Ffmpeg;
import io.hearth.runtime.testing.Peers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second, real H.264 stream aimed at the hub's RTP port from the camera's address (loopback):
 * ffmpeg encoding a 640x480 test pattern as RTP (payload type 96, SSRC {@link #SSRC}, its sequence
 * numbers a little ahead of the camera's, so that the camera's packets look late), sent either from
 * ffmpeg's own ports, or through rtp-forge.py with the camera's own server ports forged as the
 * source (which needs CAP_NET_RAW; without it the test is skipped, or fails under CI).
 */
final class RtpAttacker implements AutoCloseable {
  static final int SSRC = 0x0BADF00D;
  static final int WIDTH = 640;
  static final int HEIGHT = 480;
  private static final String PYTHON = "/usr/bin/python3";

  private final Process ffmpeg;
  private final Process forger;

  private RtpAttacker(Process ffmpeg, Process forger) {
    this.ffmpeg = ffmpeg;
    this.forger = forger;
  }

  /** ffmpeg's stream straight to the hub, from ffmpeg's own source ports. */
  static RtpAttacker direct(int hubRtpPort, int seq) throws IOException {
    Peers.require("ffmpeg", "ffmpeg");
    return new RtpAttacker(ffmpeg(hubRtpPort, hubRtpPort + 1, seq), null);
  }

  /** ffmpeg's stream relayed to the hub as if from the camera's RTP and RTCP server ports. */
  static RtpAttacker forging(int cameraRtp, int cameraRtcp, int hubRtpPort, int seq)
      throws IOException {
    Peers.require("ffmpeg", "ffmpeg");
    List<String> command =
        List.of(PYTHON, script(), "" + cameraRtp, "" + cameraRtcp, "" + hubRtpPort);
    Process forger = new ProcessBuilder(command).redirectErrorStream(true).start();
    String ready =
        new BufferedReader(new InputStreamReader(forger.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    if (ready == null || !ready.startsWith("READY ")) {
      forger.destroyForcibly();
      Peers.missing("forging a UDP source port needs CAP_NET_RAW (run as root): " + ready);
    }
    String[] ports = ready.split(" ", 3);
    int rtp = Integer.parseInt(ports[1]);
    int rtcp = Integer.parseInt(ports[2]);
    return new RtpAttacker(ffmpeg(rtp, rtcp, seq), forger);
  }

  private static Process ffmpeg(int rtpPort, int rtcpPort, int seq) throws IOException {
    return ChildProcess.of(Ffmpeg.h264Rtp(WIDTH, HEIGHT, SSRC))
        .args("-t", "60", "-seq", String.valueOf(seq & 0xFFFF))
        .args("-f", "rtp", "rtp://127.0.0.1:" + rtpPort + "?rtcpport=" + rtcpPort)
        .start()
        .process();
  }

  private static String script() {
    try {
      return Path.of(RtpAttacker.class.getResource("/rtp-forge.py").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : forger == null ? List.of(ffmpeg) : List.of(ffmpeg, forger)) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
