package io.hearth.adapters.mjpeg.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds multipart JPEG streams and fake JPEG images for parser tests. */
final class MultipartStreams {
  private MultipartStreams() {}

  /** A fake JPEG: SOI, random bytes (which may contain CR, LF and dashes), EOI. */
  static byte[] jpeg(Random random, int length) {
    byte[] image = new byte[length];
    random.nextBytes(image);
    image[0] = (byte) 0xff;
    image[1] = (byte) 0xd8;
    image[length - 2] = (byte) 0xff;
    image[length - 1] = (byte) 0xd9;
    return image;
  }

  static List<byte[]> jpegs(Random random, int count) {
    List<byte[]> images = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      images.add(jpeg(random, 2 + random.nextInt(3000) + 2));
    }
    return images;
  }

  /** A stream the way most cameras write it: delimiter, headers, image, CRLF. */
  static byte[] stream(String delimiter, List<byte[]> images, boolean withLength) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] image : images) {
      write(out, delimiter + "\r\nContent-Type: image/jpeg\r\n");
      if (withLength) {
        write(out, "Content-Length: " + image.length + "\r\n");
      }
      write(out, "\r\n");
      out.writeBytes(image);
      write(out, "\r\n");
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] piece : pieces) {
      out.writeBytes(piece);
    }
    return out.toByteArray();
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(ascii(text));
  }
}
