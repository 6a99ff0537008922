package io.hearth.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs ffmpeg's programs as test peers: output kept in a test's directory, errors fail the test;
 * and ffmpeg as a live camera (a test picture served as MJPEG over HTTP, or sent as RTP).
 */
public final class Ffmpeg {
  private Ffmpeg() {}

  /**
   * {@code ffmpeg} reading a live test picture ({@code testsrc}, {@code width} x {@code height} at
   * {@code fps}, in real time), quiet but for errors: add the output options and start it with
   * {@link ChildProcess#of(List)}.
   */
  public static List<String> livePicture(String ffmpeg, int width, int height, int fps) {
    return List.of(
        ffmpeg,
        "-hide_banner",
        "-loglevel",
        "error",
        "-re",
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=" + width + "x" + height + ":rate=" + fps);
  }

  /**
   * {@code ffmpeg} encoding a live {@code width} x {@code height} test picture (25 fps, a keyframe
   * every 10) as H.264 RTP with payload type 96 and this SSRC, as a camera or an attacker sends it:
   * add {@code -f rtp <url>} (and {@code -t}, {@code -seq} as wanted).
   */
  public static List<String> h264Rtp(int width, int height, long ssrc) {
    return List.of(
        "ffmpeg",
        "-v",
        "error",
        "-nostdin",
        "-re",
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=" + width + "x" + height + ":rate=25",
        "-an",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-tune",
        "zerolatency",
        "-g",
        "10",
        "-payload_type",
        "96",
        "-ssrc",
        String.valueOf(ssrc));
  }

  /**
   * An MJPEG camera: ffmpeg serving a live 320x240 test picture at 10 fps as
   * multipart/x-mixed-replace (labelled as a camera would) at {@code url}, for one client.
   */
  public static ChildProcess.Builder mjpegCamera(String ffmpeg, String url) {
    return ChildProcess.of(livePicture(ffmpeg, 320, 240, 10))
        .args(
            "-f",
            "mpjpeg",
            "-content_type",
            "multipart/x-mixed-replace;boundary=ffmpeg",
            "-listen",
            "1",
            url);
  }

  /**
   * Runs a peer with its output in files under {@code dir}; fails on a timeout, a non-zero exit or
   * anything it reports on standard error (run it with {@code -v error}). Its standard output.
   */
  public static String run(Path dir, long limitSeconds, List<String> command) throws Exception {
    Path stdout = Files.createTempFile(dir, "out", ".txt");
    Path stderr = Files.createTempFile(dir, "err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(command.get(0) + " did not finish within " + limitSeconds + " s");
    }
    String errors = Files.readString(stderr, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), command.get(0) + " failed: " + errors);
    assertEquals("", errors.strip(), command.get(0) + " reported errors");
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  /**
   * ffprobe's view of the first video stream of {@code file}, every frame decoded: codec_name,
   * codec_tag_string, width, height, nb_read_frames, duration.
   */
  public static Map<String, String> probe(Path dir, long limitSeconds, Path file) throws Exception {
    String out =
        run(
            dir,
            limitSeconds,
            List.of(
                "ffprobe",
                "-v",
                "error",
                "-count_frames",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=codec_name,codec_tag_string,width,height,nb_read_frames,duration",
                "-of",
                "default=noprint_wrappers=1",
                file.toString()));
    Map<String, String> values = new HashMap<>();
    for (String line : out.lines().toList()) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return values;
  }
}
