package io.hearth.api.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference: {@code ffmpeg -c copy} reading the same camera stream over RTSP/TCP and remuxing
 * it to fragmented MP4 with one fragment per frame, as the hub does, written to a pipe that
 * discards it.
 */
final class FfmpegRemux implements AutoCloseable {
  private final Process process;
  private final AtomicLong bytesOut = new AtomicLong();

  private FfmpegRemux(Process process) {
    this.process = process;
  }

  static FfmpegRemux start(String rtspUrl, Path log) throws IOException {
    Process process =
        new ProcessBuilder(
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-rtsp_transport",
                "tcp",
                "-i",
                rtspUrl,
                "-c",
                "copy",
                "-f",
                "mp4",
                "-movflags",
                "frag_every_frame+empty_moov+default_base_moof",
                "pipe:1")
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    FfmpegRemux remux = new FfmpegRemux(process);
    Thread drain = new Thread(remux::drain, "bench-ffmpeg-drain");
    drain.setDaemon(true);
    drain.start();
    return remux;
  }

  private void drain() {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream out = process.getInputStream()) {
      for (int n; (n = out.read(buffer)) >= 0; ) {
        bytesOut.addAndGet(n);
      }
    } catch (IOException e) {
      // ffmpeg ended
    }
  }

  /** Bytes of fragmented MP4 ffmpeg wrote so far: proof that it remuxes. */
  long bytesOut() {
    return bytesOut.get();
  }

  ProcessHandle process() {
    return process.toHandle();
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
