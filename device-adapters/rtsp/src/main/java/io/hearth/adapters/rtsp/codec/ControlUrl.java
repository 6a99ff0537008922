package io.hearth.adapters.rtsp.codec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Resolves {@code a=control} values (RFC 2326 §C.1.1, RFC 7826 §18.10).
 *
 * <p>A relative control is appended to the base with one {@code /} between them, rather than
 * resolved by RFC 3986 rules: cameras very often send a base without a trailing slash ({@code
 * rtsp://cam/live} with {@code trackID=1}) and mean {@code rtsp://cam/live/trackID=1}; strict
 * resolution would drop {@code live}. This is what common clients do as well.
 */
final class ControlUrl {
  private static final Pattern ABSOLUTE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://");

  private ControlUrl() {}

  /** Parses a base URL (request URL, Content-Base or Content-Location), which must be RTSP. */
  static URI parseAbsolute(String value, String what) throws CodecException {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new CodecException(what + ": not a valid URL: '" + Text.shorten(value) + "'", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("rtsp") && !scheme.equals("rtsps")) || uri.getHost() == null) {
      throw new CodecException(
          what
              + ": expected an rtsp:// or rtsps:// URL with a host, got '"
              + Text.shorten(value)
              + "'");
    }
    return uri;
  }

  /** The URL a control value designates, given the base it is relative to. */
  static URI resolve(URI base, String control) throws CodecException {
    String value = control.trim();
    if (value.isEmpty() || value.equals("*")) {
      return base;
    }
    if (ABSOLUTE.matcher(value).lookingAt()) {
      return parseAbsolute(value, "a=control");
    }
    if (value.startsWith("/")) {
      return parseAbsolute(base.getScheme() + "://" + base.getRawAuthority() + value, "a=control");
    }
    String text = base.toString();
    return parseAbsolute(text.endsWith("/") ? text + value : text + "/" + value, "a=control");
  }
}
