package io.hearth.adapters.rtsp.codec;

import java.util.Optional;

/**
 * One RTSP request as a server reads it (RFC 2326 §6): method, request URI, CSeq and headers; any
 * body was bounded and skipped by {@link RtspRequestReader} (a re-stream reads none).
 */
public record RtspRequestHead(String method, String uri, int cseq, RtspHeaders headers) {
  /** The first value of a header, if present. */
  public Optional<String> header(String name) {
    return headers.get(name);
  }

  @Override
  public String toString() {
    return method + " CSeq " + cseq;
  }
}
