package io.hearth.adapters.mjpeg.codec;

import java.util.Arrays;

/** A growable byte array that the parser bounds itself; grows by doubling. */
final class ByteAccumulator {
  private byte[] bytes;
  private int size;

  ByteAccumulator(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  void append(byte[] data, int offset, int length) {
    ensure(size + length);
    System.arraycopy(data, offset, bytes, size, length);
    size += length;
  }

  void append(byte b) {
    ensure(size + 1);
    bytes[size++] = b;
  }

  int size() {
    return size;
  }

  byte at(int index) {
    return bytes[index];
  }

  byte[] array() {
    return bytes;
  }

  byte[] copy(int from, int to) {
    return Arrays.copyOfRange(bytes, from, to);
  }

  void reset() {
    size = 0;
  }

  /** Index of {@code needle} at or after {@code from}, or -1. */
  int indexOf(byte[] needle, int from) {
    int last = size - needle.length;
    outer:
    for (int i = Math.max(0, from); i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void ensure(int capacity) {
    if (capacity > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
    }
  }
}
