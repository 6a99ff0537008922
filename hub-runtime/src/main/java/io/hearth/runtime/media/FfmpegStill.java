package io.hearth.runtime.media;

import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decodes one H.264/H.265 keyframe to a JPEG with {@code ffmpeg}, on a worker thread, bounded in
 * time and size. The hub never transcodes video; a still for a snapshot is the one exception.
 */
public final class FfmpegStill {
  static final long MAX_JPEG_BYTES = 8L << 20;
  static final long TIMEOUT_MS = 5000;

  private FfmpegStill() {}

  public static Future<Buffer> decode(Vertx vertx, MediaFrame keyframe) {
    Path ffmpeg = find();
    if (ffmpeg == null) {
      return Future.failedFuture(
          new HubException(
              501,
              "not_supported",
              "a snapshot of an"
                  + " H.264/H.265 camera needs ffmpeg to decode it: install the Debian package ffmpeg,"
                  + " or give the camera a snapshot_url"));
    }
    return vertx.executeBlocking(() -> run(ffmpeg, keyframe), false);
  }

  private static Buffer run(Path ffmpeg, MediaFrame keyframe)
      throws IOException, InterruptedException {
    String format = keyframe.codec() == Codec.H265 ? "hevc" : "h264";
    Process process =
        new ProcessBuilder(
                List.of(
                    ffmpeg.toString(),
                    "-hide_banner",
                    "-loglevel",
                    "error",
                    "-f",
                    format,
                    "-i",
                    "pipe:0",
                    "-frames:v",
                    "1",
                    "-f",
                    "image2",
                    "-c:v",
                    "mjpeg",
                    "pipe:1"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (OutputStream in = process.getOutputStream()) {
      for (byte[] nal : keyframe.nalUnits()) {
        in.write(new byte[] {0, 0, 0, 1});
        in.write(nal);
      }
    }
    byte[] jpeg = readBounded(process.getInputStream());
    if (!process.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        || process.exitValue() != 0
        || jpeg.length < 4) {
      process.destroyForcibly();
      throw new HubException(
          502, "decode_failed", "ffmpeg could not decode the camera's latest keyframe");
    }
    return Buffer.buffer(jpeg);
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
      if (out.size() > MAX_JPEG_BYTES) {
        throw new HubException(502, "decode_failed", "the decoded snapshot is too large");
      }
    }
    return out.toByteArray();
  }

  private static Path find() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "ffmpeg");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
