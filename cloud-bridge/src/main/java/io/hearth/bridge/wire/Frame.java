package io.hearth.bridge.wire;

import io.vertx.core.buffer.Buffer;

/**
 * One relay frame between a hub and the relay, as one WebSocket binary message: a type byte, a
 * stream number (4 bytes, 0 for the connection itself) and a payload of at most {@value
 * #MAX_PAYLOAD} bytes. The relay never looks into a DATA payload: it is the end-to-end channel's
 * ciphertext. Parsing is bounded and never throws anything but {@link IllegalArgumentException}.
 */
public record Frame(int type, int stream, Buffer payload) {
  public static final int MAX_PAYLOAD = 64 * 1024;
  public static final int HEADER = 5;

  /** Relay to hub: a fresh nonce the hub must sign. */
  public static final int CHALLENGE = 0x01;

  /** Hub to relay: its public key and signature over the challenge. */
  public static final int PROVE = 0x02;

  /** Relay to hub: accepted; the payload is the hub's relay id. */
  public static final int WELCOME = 0x03;

  /** Relay to hub: a viewer joined; this stream number is its. */
  public static final int OPEN = 0x10;

  /** Either way: bytes of one stream. */
  public static final int DATA = 0x11;

  /** Either way: the stream ended; payload a 2-byte code. */
  public static final int CLOSE = 0x12;

  /** Relay to hub: the relay can take this many more bytes for the stream (4-byte count). */
  public static final int CREDIT = 0x13;

  public Frame {
    if (payload.length() > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "frame payload of " + payload.length() + " bytes; the most is " + MAX_PAYLOAD);
    }
  }

  public static Frame of(int type, int stream, Buffer payload) {
    return new Frame(type, stream, payload);
  }

  public static Frame credit(int stream, int bytes) {
    return new Frame(CREDIT, stream, Buffer.buffer(4).appendInt(bytes));
  }

  public static Frame close(int stream, int code) {
    return new Frame(CLOSE, stream, Buffer.buffer(2).appendUnsignedShort(code));
  }

  /**
   * Parses one message; throws IllegalArgumentException saying what is wrong. The payload is a
   * slice of {@code message} (no copy): a relay forwards it as it came, and a WebSocket message
   * buffer is the handler's own.
   */
  public static Frame parse(Buffer message) {
    if (message.length() < HEADER) {
      throw new IllegalArgumentException("frame of " + message.length() + " bytes is too short");
    }
    if (message.length() - HEADER > MAX_PAYLOAD) {
      throw new IllegalArgumentException("frame of " + message.length() + " bytes is too long");
    }
    int type = message.getUnsignedByte(0);
    return new Frame(type, message.getInt(1), message.slice(HEADER, message.length()));
  }

  /** The 4-byte count of a CREDIT frame. */
  public int creditBytes() {
    if (type != CREDIT || payload.length() != 4 || payload.getInt(0) < 0) {
      throw new IllegalArgumentException("not a valid credit frame");
    }
    return payload.getInt(0);
  }

  public Buffer encode() {
    return Buffer.buffer(HEADER + payload.length())
        .appendUnsignedByte((short) type)
        .appendInt(stream)
        .appendBuffer(payload);
  }
}
