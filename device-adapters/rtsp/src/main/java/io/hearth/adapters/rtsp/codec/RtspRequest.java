package io.hearth.adapters.rtsp.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An RTSP request to a camera (OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER, ...) and
 * its wire encoding. Values that would break the framing (CR, LF, other control characters) are
 * refused, because some of them (Session, nonce) are echoed from the camera.
 */
public final class RtspRequest {
  private final String method;
  private final String uri;
  private final int cseq;
  private final List<RtspHeaders.Field> headers;
  private final byte[] body;

  private RtspRequest(Builder builder) {
    this.method = builder.method;
    this.uri = builder.uri;
    this.cseq = builder.cseq;
    this.headers = List.copyOf(builder.headers);
    this.body = builder.body.clone();
  }

  /** Starts a request; {@code uri} is the absolute RTSP URL or {@code *}. */
  public static Builder builder(String method, String uri, int cseq) {
    return new Builder(method, uri, cseq);
  }

  public String method() {
    return method;
  }

  public String uri() {
    return uri;
  }

  public int cseq() {
    return cseq;
  }

  public RtspHeaders headers() {
    return RtspHeaders.of(headers);
  }

  /** The request line, headers, CSeq, Content-Length when there is a body, and the body. */
  public byte[] encode() {
    StringBuilder text = new StringBuilder(256);
    text.append(method).append(' ').append(uri).append(" RTSP/1.0\r\n");
    text.append("CSeq: ").append(cseq).append("\r\n");
    for (RtspHeaders.Field field : headers) {
      text.append(field.name()).append(": ").append(field.value()).append("\r\n");
    }
    if (body.length > 0) {
      text.append("Content-Length: ").append(body.length).append("\r\n");
    }
    text.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + body.length);
    out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return method + " " + uri + " CSeq " + cseq;
  }

  /** Collects a request's parts, checking each as it is added. */
  public static final class Builder {
    private final String method;
    private final String uri;
    private final int cseq;
    private final List<RtspHeaders.Field> headers = new ArrayList<>();
    private byte[] body = new byte[0];

    private Builder(String method, String uri, int cseq) {
      if (!Text.isToken(method)) {
        throw new IllegalArgumentException("method must be a token, got '" + method + "'");
      }
      if (uri.isEmpty() || uri.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
        throw new IllegalArgumentException("URI must be non-empty without spaces or controls");
      }
      if (cseq < 0) {
        throw new IllegalArgumentException("CSeq must not be negative");
      }
      this.method = method;
      this.uri = uri;
      this.cseq = cseq;
    }

    /** Adds a header field; CSeq and Content-Length are written by {@link #encode()}. */
    public Builder header(String name, String value) {
      if (!Text.isToken(name)) {
        throw new IllegalArgumentException("header name must be a token, got '" + name + "'");
      }
      if (name.equalsIgnoreCase("CSeq") || name.equalsIgnoreCase("Content-Length")) {
        throw new IllegalArgumentException(name + " is set by the encoder");
      }
      if (Text.indexOfControl(value) >= 0) {
        throw new IllegalArgumentException("header " + name + " has a control character");
      }
      headers.add(new RtspHeaders.Field(name, value));
      return this;
    }

    /** Sets the body (for example SET_PARAMETER's); Content-Length follows from it. */
    public Builder body(byte[] content, String contentType) {
      header("Content-Type", contentType);
      this.body = content.clone();
      return this;
    }

    public RtspRequest build() {
      return new RtspRequest(this);
    }
  }
}
