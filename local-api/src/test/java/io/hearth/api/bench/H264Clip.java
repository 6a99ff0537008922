package io.hearth.api.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pre-encoded 1080p30 H.264 elementary stream (ffmpeg's testsrc2, no B-frames, a keyframe every
 * 30 frames), split into access units of NAL units without start codes. Every keyframe carries SPS
 * and PPS in band, as cameras send them.
 */
final class H264Clip {
  static final int WIDTH = 1920;
  static final int HEIGHT = 1080;
  static final int FPS = 30;

  private final byte[] sps;
  private final byte[] pps;
  private final List<List<byte[]>> accessUnits;
  private final long bytes;

  private H264Clip(byte[] sps, byte[] pps, List<List<byte[]>> accessUnits, long bytes) {
    this.sps = sps;
    this.pps = pps;
    this.accessUnits = accessUnits;
    this.bytes = bytes;
  }

  /** Encodes the clip with ffmpeg into {@code dir} unless it is already there, and loads it. */
  static H264Clip prepare(Path dir) throws IOException, InterruptedException {
    Path file = dir.resolve("testsrc2-1080p30-g30.h264");
    if (!Files.exists(file)) {
      Files.createDirectories(dir);
      encode(file);
    }
    return parse(Files.readAllBytes(file));
  }

  private static void encode(Path file) throws IOException, InterruptedException {
    Path partial = file.resolveSibling(file.getFileName() + ".part");
    Process ffmpeg =
        new ProcessBuilder(
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=" + WIDTH + "x" + HEIGHT + ":rate=" + FPS,
                "-t",
                "10",
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-bf",
                "0",
                "-g",
                "30",
                "-f",
                "h264",
                partial.toString())
            .inheritIO()
            .start();
    if (!ffmpeg.waitFor(120, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
      ffmpeg.destroyForcibly();
      throw new IOException(
          "ffmpeg could not encode the test clip; is ffmpeg with libx264 installed?");
    }
    Files.move(partial, file);
  }

  /** Splits Annex B bytes into access units: non-VCL NAL units belong to the next slice. */
  static H264Clip parse(byte[] annexB) {
    byte[] sps = null;
    byte[] pps = null;
    List<List<byte[]>> units = new ArrayList<>();
    List<byte[]> pending = new ArrayList<>();
    for (byte[] nal : nalUnits(annexB)) {
      int type = nal[0] & 0x1f;
      if (type == 7 && sps == null) {
        sps = nal;
      } else if (type == 8 && pps == null) {
        pps = nal;
      }
      if (type == 9) {
        continue; // access unit delimiters carry nothing the hub needs
      }
      pending.add(nal);
      if (type >= 1 && type <= 5) {
        units.add(withParameterSets(pending, type == 5, sps, pps));
        pending = new ArrayList<>();
      }
    }
    if (sps == null || pps == null || units.isEmpty()) {
      throw new IllegalArgumentException("not an H.264 elementary stream with SPS and PPS");
    }
    return new H264Clip(sps, pps, List.copyOf(units), annexB.length);
  }

  private static List<byte[]> withParameterSets(
      List<byte[]> nals, boolean keyframe, byte[] sps, byte[] pps) {
    boolean hasSps = nals.stream().anyMatch(n -> (n[0] & 0x1f) == 7);
    if (!keyframe || hasSps) {
      return List.copyOf(nals);
    }
    List<byte[]> out = new ArrayList<>(List.of(sps, pps));
    out.addAll(nals);
    return List.copyOf(out);
  }

  /** NAL units between start codes, without trailing zero bytes. */
  static List<byte[]> nalUnits(byte[] data) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i + 2 < data.length; i++) {
      if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
        starts.add(i + 3);
        i += 2;
      }
    }
    List<byte[]> nals = new ArrayList<>(starts.size());
    for (int k = 0; k < starts.size(); k++) {
      int from = starts.get(k);
      int to = k + 1 < starts.size() ? starts.get(k + 1) - 3 : data.length;
      while (to > from && data[to - 1] == 0) {
        to--;
      }
      if (to > from) {
        byte[] nal = new byte[to - from];
        System.arraycopy(data, from, nal, 0, nal.length);
        nals.add(nal);
      }
    }
    return nals;
  }

  byte[] sps() {
    return sps.clone();
  }

  byte[] pps() {
    return pps.clone();
  }

  int frames() {
    return accessUnits.size();
  }

  /** The NAL units of access unit {@code index}, modulo the clip's length (the clip loops). */
  List<byte[]> accessUnit(long index) {
    return accessUnits.get((int) (index % accessUnits.size()));
  }

  /** The mean bit rate of the clip in megabits per second. */
  double megabitsPerSecond() {
    return bytes * 8.0 * FPS / accessUnits.size() / 1e6;
  }
}
