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

/**
 * A camera's watermark in its picture: the colour its ball pattern is drawn on, one of four far
 * apart, which survives H.264 and JPEG. Pictures are decoded with ffmpeg to small RGB frames, and a
 * frame carries a camera's watermark when most of its pixels are near that colour and few are near
 * another camera's.
 */
record Watermark(String name, int red, int green, int blue) {
  static final List<Watermark> ALL =
      List.of(
          new Watermark("red", 255, 0, 0),
          new Watermark("green", 0, 255, 0),
          new Watermark("blue", 0, 0, 255),
          new Watermark("yellow", 255, 255, 0));

  /** Frames are decoded scaled to this size. */
  static final int WIDTH = 16;

  static final int HEIGHT = 12;
  private static final int FRAME = WIDTH * HEIGHT * 3;

  /** A pixel this near (Euclidean, RGB) to a watermark's colour counts as that colour. */
  static final int NEAR = 100;

  /** 0xAARRGGBB, as GStreamer's videotestsrc takes it. */
  String argb() {
    return String.format("0xff%02x%02x%02x", red, green, blue);
  }

  /**
   * Null if the decoded RGB frame carries this watermark; otherwise what it carries instead: at
   * least half its pixels must be near this colour, and at most 5 % near any other camera's.
   */
  String wrongIn(byte[] frame) {
    int pixels = frame.length / 3;
    int[] near = new int[ALL.size()];
    for (int p = 0; p < pixels; p++) {
      for (int w = 0; w < ALL.size(); w++) {
        if (ALL.get(w).distance(frame, p * 3) < NEAR) {
          near[w]++;
        }
      }
    }
    StringBuilder wrong = new StringBuilder();
    for (int w = 0; w < ALL.size(); w++) {
      Watermark other = ALL.get(w);
      boolean bad = other.equals(this) ? near[w] * 2 < pixels : near[w] * 20 > pixels;
      if (bad) {
        wrong.append(wrong.length() == 0 ? "" : ", ");
        wrong.append(other.name).append(' ').append(near[w] * 100 / pixels).append('%');
      }
    }
    return wrong.length() == 0 ? null : "wants " + name + ", has " + wrong;
  }

  private double distance(byte[] frame, int at) {
    int r = (frame[at] & 0xff) - red;
    int g = (frame[at + 1] & 0xff) - green;
    int b = (frame[at + 2] & 0xff) - blue;
    return Math.sqrt(r * r + g * g + b * b);
  }

  /**
   * Decodes every picture of {@code input} (an MP4, a JPEG, or an image2 pattern such as
   * dir/%05d.jpg) with ffmpeg, each scaled to {@link #WIDTH} x {@link #HEIGHT} RGB.
   */
  static List<byte[]> decode(Path input) throws IOException, InterruptedException {
    return decode(List.of("-i", input.toString()), input.toString());
  }

  /** Decodes every JPEG in {@code dir} whose name matches {@code glob}, in name order. */
  static List<byte[]> decodeJpegs(Path dir, String glob) throws IOException, InterruptedException {
    String pattern = dir.resolve(glob).toString();
    return decode(List.of("-f", "image2", "-pattern_type", "glob", "-i", pattern), pattern);
  }

  private static List<byte[]> decode(List<String> input, String what)
      throws IOException, InterruptedException {
    Peers.require("ffmpeg", "ffmpeg");
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin"));
    command.addAll(input);
    command.addAll(
        List.of(
            "-vf",
            "scale=" + WIDTH + ":" + HEIGHT,
            "-pix_fmt",
            "rgb24",
            "-f",
            "rawvideo",
            "pipe:1"));
    Process ffmpeg = new ProcessBuilder(command).start();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    Thread err =
        new Thread(
            () -> {
              try (InputStream in = ffmpeg.getErrorStream()) {
                in.transferTo(errors);
              } catch (IOException e) {
                // ends with the process
              }
            });
    err.start();
    byte[] raw;
    try (InputStream out = ffmpeg.getInputStream()) {
      raw = out.readAllBytes();
    }
    if (!ffmpeg.waitFor(60, TimeUnit.SECONDS)) {
      ffmpeg.destroyForcibly();
      throw new IOException("ffmpeg did not finish decoding " + what);
    }
    err.join(5_000);
    if (ffmpeg.exitValue() != 0 || raw.length % FRAME != 0) {
      throw new IOException(
          "ffmpeg could not decode "
              + what
              + " (exit "
              + ffmpeg.exitValue()
              + "): "
              + errors.toString(StandardCharsets.UTF_8).strip());
    }
    List<byte[]> frames = new ArrayList<>();
    for (int at = 0; at < raw.length; at += FRAME) {
      frames.add(java.util.Arrays.copyOfRange(raw, at, at + FRAME));
    }
    return frames;
  }
}
