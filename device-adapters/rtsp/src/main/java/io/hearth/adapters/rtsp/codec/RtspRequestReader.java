package io.hearth.adapters.rtsp.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Incremental reader of an RTSP server connection: fed byte chunks as they arrive, it returns each
 * complete request head in order. Interleaved frames from the client (its RTCP receiver reports)
 * and request bodies are skipped, never kept. Bounded: a head over {@link #MAX_HEAD_BYTES} or a
 * body over {@link #MAX_BODY_BYTES} is refused as soon as that is known. After a {@link
 * CodecException} the reader stays failed: answer once and close. Not thread-safe.
 */
public final class RtspRequestReader {
  /** Request line plus header fields, terminator included. */
  public static final int MAX_HEAD_BYTES = 8 * 1024;

  /** The largest request body skipped (SET_PARAMETER's keep-alive, say). */
  public static final int MAX_BODY_BYTES = 4 * 1024;

  private enum State {
    IDLE,
    HEAD,
    FRAME_HEADER,
    SKIP,
    FAILED
  }

  private final byte[] head = new byte[MAX_HEAD_BYTES];
  private final byte[] frameHeader = new byte[3];
  private State state = State.IDLE;
  private int headLength;
  private int frameHeaderLength;
  private int skipLeft;
  private long framesSkipped;

  /**
   * Consumes {@code length} bytes and returns the requests they complete, in order (often none).
   *
   * @throws CodecException if the bytes break the protocol or a limit; the reader is then dead
   */
  public List<RtspRequestHead> feed(byte[] chunk, int offset, int length) throws CodecException {
    Objects.checkFromIndexSize(offset, length, chunk.length);
    if (state == State.FAILED) {
      throw new CodecException("the connection already broke the protocol");
    }
    List<RtspRequestHead> out = new ArrayList<>();
    try {
      int pos = offset;
      while (pos < offset + length) {
        pos = step(chunk, pos, offset + length, out);
      }
    } catch (CodecException e) {
      state = State.FAILED;
      throw e;
    }
    return out;
  }

  /** Interleaved frames the client sent (RTCP), skipped. */
  public long framesSkipped() {
    return framesSkipped;
  }

  private int step(byte[] in, int pos, int end, List<RtspRequestHead> out) throws CodecException {
    return switch (state) {
      case IDLE -> start(in[pos], pos);
      case HEAD -> readHead(in, pos, end, out);
      case FRAME_HEADER -> readFrameHeader(in[pos], pos);
      case SKIP -> skip(pos, end);
      case FAILED -> throw new IllegalStateException("unreachable: failed reader stepped");
    };
  }

  private int start(byte first, int pos) {
    if (first == '$') {
      state = State.FRAME_HEADER;
      frameHeaderLength = 0;
      return pos + 1;
    }
    if (first == '\r' || first == '\n') {
      return pos + 1;
    }
    state = State.HEAD;
    headLength = 0;
    return pos;
  }

  private int readHead(byte[] in, int pos, int end, List<RtspRequestHead> out)
      throws CodecException {
    while (pos < end) {
      if (headLength == MAX_HEAD_BYTES) {
        throw new CodecException("request head exceeds " + MAX_HEAD_BYTES + " bytes");
      }
      byte b = in[pos++];
      head[headLength++] = b;
      if (b == '\n' && headLength >= 3 && headEnds()) {
        RtspHeadParser.Request request =
            RtspHeadParser.parseRequest(head, headLength, MAX_BODY_BYTES);
        out.add(request.head());
        skipLeft = request.bodyLength();
        state = skipLeft > 0 ? State.SKIP : State.IDLE;
        return pos;
      }
    }
    return pos;
  }

  private boolean headEnds() {
    int n = headLength;
    return head[n - 2] == '\n' || (head[n - 2] == '\r' && head[n - 3] == '\n');
  }

  private int readFrameHeader(byte b, int pos) {
    frameHeader[frameHeaderLength++] = b;
    if (frameHeaderLength == frameHeader.length) {
      framesSkipped++;
      skipLeft = ((frameHeader[1] & 0xFF) << 8) | (frameHeader[2] & 0xFF);
      state = skipLeft > 0 ? State.SKIP : State.IDLE;
    }
    return pos + 1;
  }

  private int skip(int pos, int end) {
    int n = Math.min(end - pos, skipLeft);
    skipLeft -= n;
    if (skipLeft == 0) {
      state = State.IDLE;
    }
    return pos + n;
  }
}
