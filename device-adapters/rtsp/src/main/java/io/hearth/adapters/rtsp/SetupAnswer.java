package io.hearth.adapters.rtsp;

import io.hearth.adapters.rtsp.codec.RtspResponse;
import io.hearth.runtime.camera.CameraStatus.Reason;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a camera's SETUP answer settles (RFC 2326 §12.37, §12.39): the session id and its timeout,
 * and the transport it chose: interleaved channels for TCP, server ports for UDP, and the SSRC the
 * camera will send with, which UDP reception pins.
 *
 * @param sessionId the Session value to echo, without parameters
 * @param timeoutSeconds the session timeout (60 when the camera names none)
 * @param interleaved the RTP and RTCP channels, or null if not interleaved
 * @param serverPorts the camera's RTP and RTCP ports, or null if not given
 * @param ssrc the SSRC the camera announced, or empty if it named none (or none readable)
 */
record SetupAnswer(
    String sessionId, int timeoutSeconds, Pair interleaved, Pair serverPorts, OptionalInt ssrc) {
  /** An RTP/RTCP pair of channels or ports. */
  record Pair(int rtp, int rtcp) {}

  static final int DEFAULT_TIMEOUT_SECONDS = 60;

  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9$\\-_.+]{1,128}");
  private static final Pattern RANGE = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");
  private static final Pattern HEX_SSRC = Pattern.compile("[0-9A-Fa-f]{1,8}");

  /** Reads Session and Transport of a successful SETUP answer. */
  static SetupAnswer parse(RtspResponse response) {
    String session =
        response
            .headers()
            .get("Session")
            .orElseThrow(() -> failure("SETUP answer without a Session header"));
    String[] parts = session.split(";", 8);
    String id = parts[0].trim();
    if (!SESSION_ID.matcher(id).matches()) {
      throw failure("Session id '" + shorten(id) + "' is not 1-128 safe characters");
    }
    int timeout = DEFAULT_TIMEOUT_SECONDS;
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].trim().split("=", 2);
      if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("timeout")) {
        timeout = number(kv[1].trim(), 1, 86_400, "Session timeout");
      }
    }
    String transport = response.headers().get("Transport").orElse("");
    return new SetupAnswer(
        id,
        timeout,
        range(transport, "interleaved", 255),
        range(transport, "server_port", 65535),
        ssrc(transport));
  }

  private static Pair range(String transport, String name, int max) {
    String value = parameter(transport, name);
    if (value == null) {
      return null;
    }
    Matcher m = RANGE.matcher(value);
    if (!m.matches()) {
      throw failure("Transport " + name + "='" + shorten(value) + "' is not a number range");
    }
    int first = number(m.group(1), 0, max, "Transport " + name);
    int second = m.group(2) == null ? first + 1 : number(m.group(2), 0, max, name);
    return new Pair(first, second);
  }

  /**
   * The announced SSRC: up to eight hex digits (RFC 2326 §12.39). Anything else counts as none, so
   * the stream is pinned to the SSRC seen first rather than failing a camera over the field.
   */
  private static OptionalInt ssrc(String transport) {
    String value = parameter(transport, "ssrc");
    if (value == null || !HEX_SSRC.matcher(value).matches()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) Long.parseLong(value, 16));
  }

  /** The value of {@code name} in the first transport spec, trimmed, or null. */
  private static String parameter(String transport, String name) {
    for (String item : transport.split(",", 2)[0].split(";", 32)) {
      String[] kv = item.trim().split("=", 2);
      if (kv.length == 2 && kv[0].trim().toLowerCase(Locale.ROOT).equals(name)) {
        return kv[1].trim();
      }
    }
    return null;
  }

  private static int number(String text, int min, int max, String what) {
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw failure(what + ": expected a number from " + min + " to " + max + ", got '" + text + "'");
  }

  private static RtspFailure failure(String message) {
    return new RtspFailure(Reason.PROTOCOL_ERROR, message);
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
