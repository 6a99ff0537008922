package io.hearth.api;

import io.hearth.runtime.testing.Peers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ffmpeg and ffprobe as a local tool runs them against a re-stream: ffprobe's view of the stream,
 * and ffmpeg decoding frames to 8-bit grey (one byte a pixel), so the bytes it writes tell how many
 * pictures of which size it decoded. A running reader records when its last byte came.
 */
final class FfmpegReader implements AutoCloseable {
  private final Process process;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong lastByteAt = new AtomicLong();
  private volatile long endedAt;
  private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

  private FfmpegReader(Process process) {
    this.process = process;
    Thread out = new Thread(this::drain, "ffmpeg-out");
    out.setDaemon(true);
    out.start();
    Thread err = new Thread(() -> copy(process.getErrorStream(), errors), "ffmpeg-err");
    err.setDaemon(true);
    err.start();
  }

  /**
   * ffprobe's "codec,width,height" of the first video stream (its last line of output: ffmpeg logs
   * the 461 with which the hub turns its UDP SETUP down before it retries over TCP), or its error.
   */
  static String probe(String url, String... options) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(Peers.require("ffprobe", "ffmpeg").toString(), "-v", "error"));
    command.addAll(List.of(options));
    command.addAll(
        List.of(
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=codec_name,width,height",
            "-of",
            "csv=p=0",
            url));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    p.waitFor(30, TimeUnit.SECONDS);
    String[] lines = new String(out, StandardCharsets.UTF_8).trim().split("\n");
    return lines[lines.length - 1].trim();
  }

  /** ffmpeg decoding {@code frames} pictures (0: until the stream ends) of the URL to grey. */
  static FfmpegReader decode(String url, int frames, String... options) throws IOException {
    Path ffmpeg = Peers.require("ffmpeg", "ffmpeg");
    List<String> command =
        new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error"));
    command.addAll(List.of(options));
    command.addAll(List.of("-rtsp_transport", "tcp", "-i", url));
    if (frames > 0) {
      command.addAll(List.of("-frames:v", String.valueOf(frames)));
    }
    command.addAll(List.of("-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"));
    return new FfmpegReader(new ProcessBuilder(command).start());
  }

  long bytes() {
    return bytes.get();
  }

  long lastByteAt() {
    return lastByteAt.get();
  }

  /** When ffmpeg's output ended (0: not yet). */
  long endedAt() {
    return endedAt;
  }

  /** Waits for ffmpeg to exit; its exit code, or -1 if it did not within the time. */
  int await(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  String errors() {
    return errors.toString(StandardCharsets.UTF_8);
  }

  private void drain() {
    byte[] buffer = new byte[65536];
    try (InputStream in = process.getInputStream()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        bytes.addAndGet(n);
        lastByteAt.set(System.currentTimeMillis());
      }
    } catch (IOException e) {
      // ffmpeg went away
    }
    endedAt = System.currentTimeMillis();
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      // ffmpeg went away
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
