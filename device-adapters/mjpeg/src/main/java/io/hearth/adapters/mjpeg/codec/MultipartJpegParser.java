package io.hearth.adapters.mjpeg.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * An incremental, bounded parser of a {@code multipart/x-mixed-replace} stream of JPEG images, fed
 * bytes as they arrive in chunks of any size. Each part's headers (and the lines between parts) may
 * take at most {@link #MAX_HEADER_BYTES}; a part's body is read by its Content-Length when present,
 * else up to the next boundary line, and may be at most {@code maxFrameBytes}. Anything else throws
 * {@link MjpegFormatException}; after that the parser must not be fed again.
 */
public final class MultipartJpegParser {
  /** Bound on a part's headers plus the delimiter and blank lines before them. */
  public static final int MAX_HEADER_BYTES = 8192;

  private enum State {
    DELIMITER,
    HEADERS,
    BODY_BY_LENGTH,
    BODY_TO_BOUNDARY,
    DONE
  }

  private final String token;
  private final byte[] marker;
  private final int maxFrameBytes;
  private final ByteAccumulator line = new ByteAccumulator(256);
  private final ByteAccumulator body = new ByteAccumulator(64 * 1024);
  private State state = State.DELIMITER;
  private int overheadBytes;
  private int contentLength = -1;
  private int searchFrom;
  private long parts;

  /**
   * @param boundary the boundary token, as from {@link MultipartBoundary#fromContentType}
   * @param maxFrameBytes the largest JPEG accepted
   */
  public MultipartJpegParser(String boundary, int maxFrameBytes) {
    if (maxFrameBytes < 2) {
      throw new IllegalArgumentException("maxFrameBytes must be at least 2: " + maxFrameBytes);
    }
    this.token = boundary;
    this.marker = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Feeds bytes; hands each JPEG image they complete to {@code frames}, in order, as soon as it is
   * complete, so images before a format error are not lost.
   */
  public void feed(byte[] data, int offset, int length, Consumer<byte[]> frames) {
    int pos = offset;
    int end = offset + length;
    while (pos < end && state != State.DONE) {
      pos =
          switch (state) {
            case DELIMITER, HEADERS -> readLine(data, pos, end);
            case BODY_BY_LENGTH -> readCounted(data, pos, end, frames);
            case BODY_TO_BOUNDARY -> readToBoundary(data, pos, end, frames);
            case DONE -> end;
          };
    }
  }

  /** Feeds bytes; returns the JPEG images completed by them, in order (often none). */
  public List<byte[]> feed(byte[] data, int offset, int length) {
    List<byte[]> frames = new ArrayList<>(1);
    feed(data, offset, length, frames::add);
    return frames;
  }

  /** Feeds a whole array. */
  public List<byte[]> feed(byte[] data) {
    return feed(data, 0, data.length);
  }

  /** Whether the closing delimiter ({@code --boundary--}) was seen; later bytes are ignored. */
  public boolean done() {
    return state == State.DONE;
  }

  /** How many images were completed so far. */
  public long frames() {
    return parts;
  }

  private int readLine(byte[] data, int pos, int end) {
    int i = pos;
    while (i < end && data[i] != '\n') {
      i++;
    }
    int taken = Math.min(i, end - 1) + 1 - pos;
    overheadBytes += taken;
    if (overheadBytes > MAX_HEADER_BYTES) {
      throw new MjpegFormatException(
          "part "
              + (parts + 1)
              + " has more than "
              + MAX_HEADER_BYTES
              + " bytes of headers or garbage before its image: "
              + MjpegFormatException.preview(line.array(), 0, line.size()));
    }
    line.append(data, pos, i - pos);
    if (i < end) {
      completeLine();
    }
    return pos + taken;
  }

  private void completeLine() {
    int length = line.size();
    if (length > 0 && line.at(length - 1) == '\r') {
      length--;
    }
    String text = new String(line.array(), 0, length, StandardCharsets.ISO_8859_1);
    line.reset();
    if (state == State.DELIMITER) {
      delimiterLine(text);
    } else {
      headerLine(text);
    }
  }

  private void delimiterLine(String text) {
    if (text.isBlank()) {
      return;
    }
    String rest = afterDashes(text.stripTrailing());
    if (rest.equals(token)) {
      state = State.HEADERS;
      contentLength = -1;
    } else if (rest.equals(token + "--")) {
      state = State.DONE;
    } else {
      throw new MjpegFormatException(
          "expected the boundary line '--"
              + token
              + "' before part "
              + (parts + 1)
              + " but got '"
              + MjpegFormatException.preview(text)
              + "'");
    }
  }

  private static String afterDashes(String text) {
    int dashes = 0;
    while (dashes < text.length() && text.charAt(dashes) == '-') {
      dashes++;
    }
    return dashes >= 2 ? text.substring(dashes) : "\u0000";
  }

  private void headerLine(String text) {
    if (text.isEmpty()) {
      startBody();
      return;
    }
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new MjpegFormatException(
          "malformed header in part "
              + (parts + 1)
              + ": '"
              + MjpegFormatException.preview(text)
              + "'");
    }
    String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    if (name.equals("content-length")) {
      contentLength = parseLength(text.substring(colon + 1).trim());
    }
  }

  private int parseLength(String value) {
    long length;
    try {
      length = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new MjpegFormatException(
          "part " + (parts + 1) + " has a bad Content-Length '" + preview(value) + "'");
    }
    if (length < 2 || length > maxFrameBytes) {
      throw new MjpegFormatException(tooLarge(length));
    }
    return (int) length;
  }

  private String tooLarge(long length) {
    return "part "
        + (parts + 1)
        + " announces "
        + length
        + " bytes; an image must be 2 to "
        + maxFrameBytes
        + " bytes (mjpeg.max-frame-bytes)";
  }

  private static String preview(String value) {
    return MjpegFormatException.preview(value);
  }

  private void startBody() {
    body.reset();
    searchFrom = 0;
    state = contentLength >= 0 ? State.BODY_BY_LENGTH : State.BODY_TO_BOUNDARY;
  }

  private int readCounted(byte[] data, int pos, int end, Consumer<byte[]> frames) {
    int n = Math.min(end - pos, contentLength - body.size());
    body.append(data, pos, n);
    if (body.size() == contentLength) {
      emit(body.copy(0, contentLength), frames);
    }
    return pos + n;
  }

  private int readToBoundary(byte[] data, int pos, int end, Consumer<byte[]> frames) {
    int sizeBefore = body.size();
    int room = maxFrameBytes + marker.length + 4 - sizeBefore;
    int n = Math.min(end - pos, room);
    body.append(data, pos, n);
    int lineStart = findDelimiterLine();
    if (lineStart < 0) {
      if (n == room) {
        throw new MjpegFormatException(
            "part " + (parts + 1) + " has no boundary within " + maxFrameBytes + " bytes");
      }
      searchFrom = Math.max(0, body.size() - marker.length);
      return pos + n;
    }
    byte[] image = body.copy(0, contentEnd(lineStart));
    byte[] carried = body.copy(Math.min(lineStart, sizeBefore), sizeBefore);
    emit(image, frames);
    if (lineStart >= sizeBefore) {
      return pos + (lineStart - sizeBefore);
    }
    // The delimiter line began in an earlier chunk: carry its start over as a partial line.
    line.append(carried, 0, carried.length);
    overheadBytes = carried.length;
    return pos;
  }

  /** The start of a line holding dashes and the boundary, or -1. */
  private int findDelimiterLine() {
    int at = body.indexOf(marker, searchFrom);
    while (at >= 0) {
      int start = at;
      while (start > 0 && body.at(start - 1) == '-') {
        start--;
      }
      if (start == 0 || body.at(start - 1) == '\n') {
        return start;
      }
      at = body.indexOf(marker, at + 1);
    }
    return -1;
  }

  private int contentEnd(int lineStart) {
    int end = Math.max(0, lineStart - 1);
    if (end > 0 && body.at(end - 1) == '\r') {
      end--;
    }
    if (end > maxFrameBytes) {
      throw new MjpegFormatException(tooLarge(end));
    }
    return end;
  }

  private void emit(byte[] image, Consumer<byte[]> frames) {
    if (!Jpeg.startsWithSoi(image)) {
      throw new MjpegFormatException(
          "part "
              + (parts + 1)
              + " is not a JPEG image; it starts with '"
              + MjpegFormatException.preview(image, 0, Math.min(image.length, 16))
              + "'");
    }
    parts++;
    frames.accept(image);
    body.reset();
    overheadBytes = 0;
    state = State.DELIMITER;
  }
}
