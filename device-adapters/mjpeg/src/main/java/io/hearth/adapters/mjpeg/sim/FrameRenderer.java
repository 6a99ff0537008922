package io.hearth.adapters.mjpeg.sim;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalTime;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws the simulated camera's picture (a moving bar, a frame counter and the time of day, in
 * seven-segment digits so no font is needed) and encodes it as a JPEG. Blocking: call it from a
 * worker thread. One image buffer is reused, so calls are serialised.
 */
final class FrameRenderer {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    ImageIO.setUseCache(false);
  }

  private static final int[] SEGMENTS = {
    0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F
  };
  private static final Color BACKGROUND = new Color(0x1e, 0x2a, 0x3a);
  private static final Color BAR = new Color(0xf0, 0x8c, 0x28);
  private static final Color DIGITS = new Color(0xf4, 0xf4, 0xf4);

  private final BufferedImage image;
  private final float quality;

  FrameRenderer(int width, int height, float quality) {
    this.image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    this.quality = quality;
  }

  /** The JPEG of frame {@code number} showing {@code time}. */
  synchronized byte[] render(long number, LocalTime time) {
    Graphics2D g = image.createGraphics();
    try {
      draw(g, number, time);
    } finally {
      g.dispose();
    }
    return encode();
  }

  private void draw(Graphics2D g, long number, LocalTime time) {
    int width = image.getWidth();
    int height = image.getHeight();
    g.setColor(BACKGROUND);
    g.fillRect(0, 0, width, height);
    int barWidth = Math.max(8, width / 16);
    int x = (int) ((number * Math.max(1, width / 80)) % (width + barWidth)) - barWidth;
    g.setColor(BAR);
    g.fillRect(x, 0, barWidth, height);
    int digit = Math.max(6, height / 14);
    g.setColor(DIGITS);
    drawText(g, String.format("%08d", number % 100_000_000), digit, digit, digit);
    String clock =
        String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
    drawText(g, clock, digit, height - 3 * digit, digit);
  }

  private static void drawText(Graphics2D g, String text, int x, int y, int size) {
    int cursor = x;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ':') {
        int dot = Math.max(2, size / 5);
        g.fillRect(cursor, y + size / 2, dot, dot);
        g.fillRect(cursor, y + size + size / 2, dot, dot);
        cursor += size / 2 + dot;
      } else {
        drawDigit(g, c - '0', cursor, y, size);
        cursor += size + size / 2;
      }
    }
  }

  /** Segments a to g of a digit {@code size} wide and twice as tall. */
  private static void drawDigit(Graphics2D g, int digit, int x, int y, int size) {
    int mask = SEGMENTS[digit];
    int t = Math.max(2, size / 5);
    int half = size;
    int[][] rects = {
      {x, y, size, t},
      {x + size - t, y, t, half},
      {x + size - t, y + half, t, half},
      {x, y + 2 * size - t, size, t},
      {x, y + half, t, half},
      {x, y, t, half},
      {x, y + half - t / 2, size, t}
    };
    for (int s = 0; s < 7; s++) {
      if ((mask & (1 << s)) != 0) {
        g.fillRect(rects[s][0], rects[s][1], rects[s][2], rects[s][3]);
      }
    }
  }

  private byte[] encode() {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding failed", e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
