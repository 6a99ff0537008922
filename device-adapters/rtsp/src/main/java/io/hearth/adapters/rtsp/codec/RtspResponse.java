package io.hearth.adapters.rtsp.codec;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A complete RTSP response: status line, headers and a body of exactly {@code Content-Length} bytes
 * (empty when the header is absent).
 */
public final class RtspResponse implements RtspInbound {
  private final String version;
  private final int statusCode;
  private final String reason;
  private final RtspHeaders headers;
  private final byte[] body;

  /** Takes ownership of {@code body}. */
  public RtspResponse(
      String version, int statusCode, String reason, RtspHeaders headers, byte[] body) {
    this.version = version;
    this.statusCode = statusCode;
    this.reason = reason;
    this.headers = headers;
    this.body = body;
  }

  /** For example {@code RTSP/1.0}. */
  public String version() {
    return version;
  }

  public int statusCode() {
    return statusCode;
  }

  public String reason() {
    return reason;
  }

  public RtspHeaders headers() {
    return headers;
  }

  /** The body; owned by this response, do not modify. */
  public byte[] body() {
    return body;
  }

  /** The body decoded as UTF-8 (SDP, parameter lists). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The {@code CSeq} that pairs this response with its request, if the camera sent one. */
  public Optional<Integer> cseq() {
    return headers.get("CSeq").flatMap(RtspResponse::parseCseq);
  }

  private static Optional<Integer> parseCseq(String value) {
    String trimmed = value.trim();
    return Text.isDigits(trimmed, 9) ? Optional.of(Integer.parseInt(trimmed)) : Optional.empty();
  }

  /** The response as a server sends it: status line, headers, Content-Length if a body, body. */
  public byte[] encode() {
    StringBuilder text = new StringBuilder(256);
    text.append(version).append(' ').append(statusCode).append(' ').append(reason).append("\r\n");
    for (RtspHeaders.Field field : headers.fields()) {
      if (Text.indexOfControl(field.value()) >= 0 || !Text.isToken(field.name())) {
        throw new IllegalArgumentException("header " + field.name() + " cannot be sent");
      }
      text.append(field.name()).append(": ").append(field.value()).append("\r\n");
    }
    if (body.length > 0) {
      text.append("Content-Length: ").append(body.length).append("\r\n");
    }
    text.append("\r\n");
    byte[] start = text.toString().getBytes(StandardCharsets.UTF_8);
    byte[] out = java.util.Arrays.copyOf(start, start.length + body.length);
    System.arraycopy(body, 0, out, start.length, body.length);
    return out;
  }

  public boolean isSuccess() {
    return statusCode >= 200 && statusCode < 300;
  }

  @Override
  public String toString() {
    return version + " " + statusCode + " " + reason + " (" + body.length + " body bytes)";
  }
}
