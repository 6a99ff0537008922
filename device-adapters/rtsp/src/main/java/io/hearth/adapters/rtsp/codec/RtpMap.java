package io.hearth.adapters.rtsp.codec;

import java.util.Locale;

/**
 * One {@code a=rtpmap} attribute: which encoding a dynamic RTP payload type carries and its clock
 * rate (RFC 8866 §6.6), for example {@code 96 H264/90000}.
 *
 * @param channels audio channels, 0 when not given
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {
  /** The highest clock rate accepted; real ones are at most 192 kHz audio or 90 kHz video. */
  public static final int MAX_CLOCK_RATE = 10_000_000;

  /** Parses the value after {@code a=rtpmap:}, for example {@code 96 H264/90000}. */
  static RtpMap parse(String value) throws CodecException {
    int space = value.indexOf(' ');
    String[] parts = space < 0 ? new String[0] : value.substring(space + 1).trim().split("/", -1);
    if (space < 0 || parts.length < 2 || parts.length > 3 || !Text.isToken(parts[0])) {
      throw new CodecException(
          "a=rtpmap: expected '<pt> <encoding>/<clock rate>[/<channels>]', got '"
              + Text.shorten(value)
              + "'");
    }
    int pt = Text.parseBounded(value.substring(0, space), 127, "a=rtpmap payload type");
    int clock = Text.parseBounded(parts[1], MAX_CLOCK_RATE, "a=rtpmap clock rate");
    if (clock == 0) {
      throw new CodecException("a=rtpmap clock rate: expected a positive number, got 0");
    }
    int channels = parts.length == 3 ? Text.parseBounded(parts[2], 64, "a=rtpmap channels") : 0;
    return new RtpMap(pt, parts[0], clock, channels);
  }

  /** True if the encoding name matches, ignoring case as RFC 8866 requires. */
  public boolean is(String encoding) {
    return encodingName.toUpperCase(Locale.ROOT).equals(encoding.toUpperCase(Locale.ROOT));
  }
}
