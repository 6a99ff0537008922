package io.hearth.adapters.rtsp.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Incremental reader of an RTSP client connection: fed byte chunks as they arrive from the socket,
 * it returns each complete {@link RtspResponse} and {@link InterleavedFrame} in order.
 *
 * <p>Bounded: a response head over {@link #MAX_HEAD_BYTES} or a body over {@link #MAX_BODY_BYTES}
 * is refused as soon as that is known, never buffered. After a {@link CodecException} the stream
 * position is lost, so the parser stays failed and the connection must be closed. Requests sent by
 * the server (ANNOUNCE, GET_PARAMETER) are refused too. Not thread-safe; use one per connection.
 */
public final class RtspResponseParser {
  /** Status line plus header fields, terminator included. */
  public static final int MAX_HEAD_BYTES = 16 * 1024;

  /** The largest response body (an SDP is a few KiB). */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final byte[] VERSION_PREFIX = {'R', 'T', 'S', 'P', '/'};

  private enum State {
    IDLE,
    HEAD,
    BODY,
    FRAME_HEADER,
    FRAME_PAYLOAD,
    FAILED
  }

  private State state = State.IDLE;
  private final byte[] head = new byte[MAX_HEAD_BYTES];
  private int headLength;
  private RtspHeadParser.Head pendingHead;
  private final byte[] frameHeader = new byte[3];
  private int frameHeaderLength;
  private byte[] target = new byte[0];
  private int targetLength;
  private String failure = "";

  /** Feeds a whole chunk; see {@link #feed(byte[], int, int)}. */
  public List<RtspInbound> feed(byte[] chunk) throws CodecException {
    return feed(chunk, 0, chunk.length);
  }

  /**
   * Consumes {@code length} bytes and returns the messages they complete, in order (often none).
   *
   * @throws CodecException if the bytes break the protocol or a limit; the parser is then dead
   */
  public List<RtspInbound> feed(byte[] chunk, int offset, int length) throws CodecException {
    Objects.checkFromIndexSize(offset, length, chunk.length);
    if (state == State.FAILED) {
      throw new CodecException("RTSP stream already failed (" + failure + "); reconnect");
    }
    List<RtspInbound> out = new ArrayList<>();
    try {
      int pos = offset;
      while (pos < offset + length) {
        pos = step(chunk, pos, offset + length, out);
      }
    } catch (CodecException e) {
      state = State.FAILED;
      failure = e.getMessage();
      throw e;
    }
    return out;
  }

  /** True between messages, when no partial message is buffered. */
  public boolean isIdle() {
    return state == State.IDLE;
  }

  private int step(byte[] in, int pos, int end, List<RtspInbound> out) throws CodecException {
    return switch (state) {
      case IDLE -> startMessage(in[pos], pos);
      case HEAD -> readHead(in, pos, end, out);
      case FRAME_HEADER -> readFrameHeader(in[pos], pos, out);
      case BODY, FRAME_PAYLOAD -> readTarget(in, pos, end, out);
      case FAILED -> throw new IllegalStateException("unreachable: failed parser stepped");
    };
  }

  private int startMessage(byte first, int pos) {
    if (first == '$') {
      state = State.FRAME_HEADER;
      frameHeaderLength = 0;
      return pos + 1;
    }
    if (first == '\r' || first == '\n') {
      return pos + 1; // stray line ends between messages are harmless; some cameras send them
    }
    state = State.HEAD;
    headLength = 0;
    return pos;
  }

  private int readHead(byte[] in, int pos, int end, List<RtspInbound> out) throws CodecException {
    while (pos < end) {
      byte b = in[pos++];
      if (headLength == MAX_HEAD_BYTES) {
        throw new CodecException(
            "response head exceeds " + MAX_HEAD_BYTES + " bytes without an empty line; refused");
      }
      head[headLength++] = b;
      if (headLength <= VERSION_PREFIX.length) {
        checkPrefix(b);
      } else if (b == '\n' && headEnds()) {
        finishHead(out);
        return pos;
      }
    }
    return pos;
  }

  private void checkPrefix(byte b) throws CodecException {
    if (b != VERSION_PREFIX[headLength - 1]) {
      throw new CodecException(
          String.format(
              "expected an 'RTSP/1.0' status line or a '$' interleaved frame, got byte 0x%02x at"
                  + " offset %d of a message",
              b & 0xFF, headLength - 1));
    }
  }

  private boolean headEnds() {
    int n = headLength;
    return head[n - 2] == '\n' || (head[n - 2] == '\r' && head[n - 3] == '\n');
  }

  private void finishHead(List<RtspInbound> out) throws CodecException {
    pendingHead = RtspHeadParser.parse(head, headLength, MAX_BODY_BYTES);
    startTarget(State.BODY, pendingHead.bodyLength(), out);
  }

  private int readFrameHeader(byte b, int pos, List<RtspInbound> out) {
    frameHeader[frameHeaderLength++] = b;
    if (frameHeaderLength == frameHeader.length) {
      int length = ((frameHeader[1] & 0xFF) << 8) | (frameHeader[2] & 0xFF);
      startTarget(State.FRAME_PAYLOAD, length, out);
    }
    return pos + 1;
  }

  private void startTarget(State next, int length, List<RtspInbound> out) {
    target = new byte[length];
    targetLength = 0;
    state = next;
    if (length == 0) {
      complete(out);
    }
  }

  private int readTarget(byte[] in, int pos, int end, List<RtspInbound> out) {
    int n = Math.min(end - pos, target.length - targetLength);
    System.arraycopy(in, pos, target, targetLength, n);
    targetLength += n;
    if (targetLength == target.length) {
      complete(out);
    }
    return pos + n;
  }

  private void complete(List<RtspInbound> out) {
    if (state == State.BODY) {
      RtspHeadParser.Head h = pendingHead;
      out.add(new RtspResponse(h.version(), h.statusCode(), h.reason(), h.headers(), target));
      pendingHead = null;
    } else {
      out.add(new InterleavedFrame(frameHeader[0] & 0xFF, target));
    }
    target = new byte[0];
    state = State.IDLE;
  }
}
