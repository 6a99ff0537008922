package io.hearth.runtime.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hearth.runtime.testing.Ffmpeg;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Muxes real libx264 / libx265 streams and lets ffprobe, an independent demuxer and decoder, judge
 * the result. Needs {@code ffmpeg} and {@code ffprobe} (Debian package {@code ffmpeg}).
 */
@Timeout(120)
class Fmp4FfprobeTest {
  private static final int FRAMES = 50;
  private static final long STEP = 3600; // 25 fps in 90 kHz
  private static final long START = 0xffff_ffffL - 10 * STEP; // crosses a 32-bit RTP wrap

  @TempDir Path dir;

  @Test
  void ffprobeReadsMuxedH264() throws Exception {
    requirePeer("libx264");
    Path es = encode("libx264", "h264", "-bf", "0", "-g", "25");
    Map<String, String> probe = muxAndProbe(Codec.H264, es, 7, 8);
    assertEquals("h264", probe.get("codec_name"));
  }

  @Test
  void ffprobeReadsMuxedH265() throws Exception {
    requirePeer("libx265");
    Path es = encode("libx265", "hevc", "-x265-params", "bframes=0:keyint=25:log-level=error");
    Map<String, String> probe = muxAndProbe(Codec.H265, es, 32, 33, 34);
    assertEquals("hevc", probe.get("codec_name"));
  }

  private Map<String, String> muxAndProbe(Codec codec, Path es, int... psTypes) throws Exception {
    List<byte[]> nals = NalUnits.splitAnnexB(Files.readAllBytes(es));
    List<List<byte[]>> units = AccessUnits.group(codec, nals);
    assertEquals(FRAMES, units.size(), "access units in the elementary stream");
    Fmp4Muxer muxer = Fmp4Muxer.of(codec, AccessUnits.parameterSets(codec, nals, psTypes));
    assertEquals(320, muxer.width());
    assertEquals(240, muxer.height());
    Path mp4 = dir.resolve("out.mp4");
    Files.write(mp4, mux(codec, muxer, units));
    Map<String, String> probe = probe(mp4);
    assertEquals("320", probe.get("width"));
    assertEquals("240", probe.get("height"));
    assertEquals(String.valueOf(FRAMES), probe.get("nb_read_frames"));
    assertEquals(2.0, Double.parseDouble(probe.get("duration")), 0.001, "50 frames at 25 fps");
    return probe;
  }

  /** The first half one frame per fragment, the rest five frames per fragment. */
  private static byte[] mux(Codec codec, Fmp4Muxer muxer, List<List<byte[]>> units) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(muxer.initSegment());
    List<MediaFrame> batch = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      long ts = (START + i * STEP) & 0xffff_ffffL;
      boolean key = AccessUnits.isKeyframe(codec, units.get(i));
      batch.add(MediaFrame.ofNalUnits("cam-1", codec, ts, key, units.get(i)));
      if (i < units.size() / 2 || batch.size() == 5 || i == units.size() - 1) {
        out.writeBytes(muxer.fragment(batch));
        batch.clear();
      }
    }
    assertTrue(AccessUnits.isKeyframe(codec, units.get(0)), "the stream starts with a keyframe");
    return out.toByteArray();
  }

  private Path encode(String encoder, String format, String... options) throws Exception {
    Path es = dir.resolve("in." + format);
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y"));
    command.addAll(List.of("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25"));
    command.addAll(List.of("-frames:v", String.valueOf(FRAMES), "-pix_fmt", "yuv420p"));
    command.addAll(List.of("-c:v", encoder));
    command.addAll(List.of(options));
    command.addAll(List.of("-f", format, es.toString()));
    run(command);
    return es;
  }

  private Map<String, String> probe(Path mp4) throws Exception {
    return Ffmpeg.probe(dir, 60, mp4);
  }

  private String run(List<String> command) throws Exception {
    return Ffmpeg.run(dir, 60, command);
  }

  /** Skips (or, with -Dhearth.peers.required=true, fails) when ffmpeg or the encoder is missing. */
  private void requirePeer(String encoder) throws Exception {
    String missing = null;
    if (!onPath("ffmpeg") || !onPath("ffprobe")) {
      missing = "ffmpeg/ffprobe not found; install the Debian package ffmpeg";
    } else if (!run(List.of("ffmpeg", "-hide_banner", "-encoders")).contains(encoder)) {
      missing = "ffmpeg lacks the " + encoder + " encoder; install Debian's ffmpeg package";
    }
    if (missing != null && Boolean.getBoolean("hearth.peers.required")) {
      fail(missing + " (required: hearth.peers.required=true)");
    }
    Assumptions.assumeTrue(missing == null, missing);
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String entry :
        Pattern.compile(Pattern.quote(File.pathSeparator)).splitAsStream(path).toList()) {
      if (Files.isExecutable(Path.of(entry, program))) {
        return true;
      }
    }
    return false;
  }
}
