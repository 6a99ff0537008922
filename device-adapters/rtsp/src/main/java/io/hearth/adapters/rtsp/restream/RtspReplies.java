package io.hearth.adapters.rtsp.restream;

import io.hearth.adapters.rtsp.codec.RtspHeaders;
import io.hearth.adapters.rtsp.codec.RtspResponse;
import io.hearth.runtime.error.HubException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The re-stream's answers: an RTSP status (RFC 2326 §7.1.1) for each outcome, with the hub's error
 * mapped once here from its HTTP-like status, and a short plain-text body saying why on refusals.
 */
final class RtspReplies {
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(200, "OK"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(413, "Request Entity Too Large"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(455, "Method Not Valid in This State"),
          Map.entry(461, "Unsupported Transport"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(501, "Not Implemented"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"));

  private RtspReplies() {}

  /** An answer with the CSeq it pairs with, {@code headers} as name/value pairs, and a body. */
  static Buffer of(int status, int cseq, List<String> headers, String contentType, String body) {
    List<RtspHeaders.Field> fields = new ArrayList<>();
    fields.add(new RtspHeaders.Field("CSeq", Integer.toString(cseq)));
    fields.add(new RtspHeaders.Field("Server", "Hearth"));
    for (int i = 0; i + 1 < headers.size(); i += 2) {
      fields.add(new RtspHeaders.Field(headers.get(i), headers.get(i + 1)));
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0) {
      fields.add(new RtspHeaders.Field("Content-Type", contentType));
    }
    String reason = REASONS.getOrDefault(status, "Error");
    return Buffer.buffer(
        new RtspResponse("RTSP/1.0", status, reason, RtspHeaders.of(fields), bytes).encode());
  }

  /** A refusal: the RTSP status of a hub error, and its message as the body. */
  static Buffer refusal(int cseq, Throwable cause, List<String> headers) {
    int status = statusOf(cause);
    String message = cause instanceof HubException ? cause.getMessage() : "internal error";
    return of(status, cseq, headers, "text/plain; charset=utf-8", oneLine(message) + "\r\n");
  }

  static int statusOf(Throwable cause) {
    if (!(cause instanceof HubException hub)) {
      return 500;
    }
    int status = hub.status();
    return status == 429 ? 503 : REASONS.containsKey(status) ? status : 500;
  }

  private static String oneLine(String text) {
    String line = text == null ? "" : text.replaceAll("[\\r\\n\\p{Cntrl}]", " ");
    return line.length() > 300 ? line.substring(0, 300) : line;
  }
}
