package io.hearth.runtime.testing;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.hearth.runtime.media.AccessUnits;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.media.NalUnits;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A real H.264 stream for tests without a camera: 100 frames of libx264 at 320x240, 25 fps, a
 * keyframe every 25 carrying its SPS and PPS in band as cameras send them; and cameras ({@code
 * h264test://<name>}) that loop it with a running clock.
 */
public final class H264TestClip {
  public static final int FRAMES = 100;
  public static final String SCHEME = "h264test";

  private final List<List<byte[]>> units;

  private H264TestClip(List<List<byte[]>> units) {
    this.units = units;
  }

  /**
   * Encodes the clip with ffmpeg in {@code dir} (skips or fails the test when ffmpeg is missing).
   */
  public static H264TestClip encode(Path dir) throws Exception {
    return encode(
        dir, "clip.h264", 25, List.of("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25"));
  }

  /**
   * A grey picture, still for its first 2 s; then a white square moves across it for 2 s. Looped,
   * motion starts 2 s into every 4 s. A keyframe every 5 frames (5 a second).
   */
  public static H264TestClip encodeMotion(Path dir) throws Exception {
    return encode(
        dir,
        "motion.h264",
        5,
        List.of(
            "-f",
            "lavfi",
            "-i",
            "color=c=gray:size=320x240:rate=25",
            "-f",
            "lavfi",
            "-i",
            "color=c=white:size=60x60:rate=25",
            "-filter_complex",
            "[0][1]overlay=x='if(gte(t,2),mod(t*400,260),10)':y=90"));
  }

  private static H264TestClip encode(Path dir, String name, int gop, List<String> input)
      throws Exception {
    Peers.require("ffmpeg", "ffmpeg");
    Path es = dir.resolve(name);
    List<String> command =
        new java.util.ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y"));
    command.addAll(input);
    command.addAll(
        List.of(
            "-frames:v",
            String.valueOf(FRAMES),
            "-pix_fmt",
            "yuv420p",
            "-c:v",
            "libx264",
            "-bf",
            "0",
            "-g",
            String.valueOf(gop),
            "-x264-params",
            "repeat-headers=1",
            "-f",
            "h264",
            es.toString()));
    Ffmpeg.run(dir, 60, command);
    return new H264TestClip(
        AccessUnits.group(Codec.H264, NalUnits.splitAnnexB(Files.readAllBytes(es))));
  }

  /** 48 bytes from inside a slice of the second frame: a marker of the stream's content. */
  public byte[] watermark() {
    byte[] slice = units.get(1).get(units.get(1).size() - 1);
    return Arrays.copyOfRange(slice, 8, 56);
  }

  /** The n-th frame of the loop, for {@code cameraId}. */
  public MediaFrame frame(String cameraId, long n) {
    List<byte[]> unit = units.get((int) (n % FRAMES));
    return MediaFrame.ofNalUnits(
        cameraId,
        Codec.H264,
        (n * 3600) & 0xffff_ffffL,
        AccessUnits.isKeyframe(Codec.H264, unit),
        unit);
  }

  /** Cameras at {@code h264test://...} that loop this clip at 25 fps. */
  public MediaSourceFactory cameras() {
    return cameras(SCHEME);
  }

  /** Cameras at {@code <scheme>://...} that loop this clip at 25 fps, from its first frame. */
  public MediaSourceFactory cameras(String scheme) {
    return new MediaSourceFactory() {
      @Override
      public String protocol() {
        return "rtsp";
      }

      @Override
      public boolean handles(URI url) {
        return scheme.equals(url.getScheme());
      }

      @Override
      public boolean connectsToHost() {
        return false;
      }

      @Override
      public MediaSource create(Vertx vertx, Camera camera) {
        return new PeriodicSource(vertx, 40, n -> frame(camera.id(), n), () -> {}, () -> {});
      }
    };
  }

  /** Whether {@code needle} occurs in {@code haystack}. */
  public static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
