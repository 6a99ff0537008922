package io.hearth.adapters.mjpeg.codec;

/** The two JPEG markers an MJPEG adapter checks: start of image and end of image. */
public final class Jpeg {
  private Jpeg() {}

  /** Whether the bytes begin with the SOI marker (FF D8). */
  public static boolean startsWithSoi(byte[] bytes, int length) {
    return length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
  }

  /** Whether the bytes begin with the SOI marker (FF D8). */
  public static boolean startsWithSoi(byte[] bytes) {
    return startsWithSoi(bytes, bytes.length);
  }

  /** Whether the bytes end with the EOI marker (FF D9). */
  public static boolean endsWithEoi(byte[] bytes) {
    int n = bytes.length;
    return n >= 2 && (bytes[n - 2] & 0xff) == 0xff && (bytes[n - 1] & 0xff) == 0xd9;
  }
}
