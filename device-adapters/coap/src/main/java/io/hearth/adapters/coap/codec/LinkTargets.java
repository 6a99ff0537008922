package io.hearth.adapters.coap.codec;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Resolves a link's target ({@code </time>}) on the device that listed it. A target that is not a
 * valid URI reference, or that points at another host, is refused with a reason naming it, so a
 * device's garbage becomes a message rather than an exception from {@link URI}.
 */
public final class LinkTargets {
  static final int PREVIEW_CHARS = 60;

  private LinkTargets() {}

  /** The resource's URI on {@code base} ({@code coap://host:port/}). */
  public static URI resolve(URI base, String target) throws CoapCodecException {
    if (target.isBlank()) {
      throw new CoapCodecException("a link has an empty target <>");
    }
    URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      throw new CoapCodecException(
          "link target <" + preview(target) + "> is not a valid URI (" + e.getReason() + ")");
    }
    if (uri.getRawFragment() != null) {
      throw new CoapCodecException("link target <" + preview(target) + "> has a fragment");
    }
    if (uri.isAbsolute() || uri.getRawAuthority() != null) {
      URI there = base.resolve(uri);
      if (!sameDevice(base, there)) {
        throw new CoapCodecException(
            "link target <" + preview(target) + "> points at another device");
      }
      return there;
    }
    return base.resolve(uri);
  }

  private static boolean sameDevice(URI base, URI there) {
    return base.getScheme().equalsIgnoreCase(String.valueOf(there.getScheme()))
        && base.getHost().equalsIgnoreCase(String.valueOf(there.getHost()))
        && base.getPort() == there.getPort();
  }

  /** At most {@link #PREVIEW_CHARS} characters, control characters shown as {@code \\uXXXX}. */
  public static String preview(String text) {
    return preview(text, PREVIEW_CHARS);
  }

  /** At most {@code max} characters, control characters shown as {@code \\uXXXX}. */
  public static String preview(String text, int max) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return i < text.length() ? out + "..." : out.toString();
  }
}
