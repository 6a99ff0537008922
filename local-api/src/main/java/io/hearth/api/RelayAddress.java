package io.hearth.api;

import io.hearth.bridge.hub.BridgeSettings;
import io.hearth.runtime.spi.ModuleContext;
import java.net.URI;

/**
 * The relay a paired display may use when away (docs/relay.md): the bridge's relay URL when the
 * bridge is on, else none. Displays learn it at pairing, and the pages' Content-Security-Policy
 * lets them connect to that one relay origin and nowhere else off the hub.
 */
final class RelayAddress {
  private RelayAddress() {}

  /**
   * The relay's wss:// URL (or ws:// with bridge.allow-plain-relay), or empty when the bridge is
   * off or the URL is not usable.
   */
  static String url(ModuleContext hub) {
    boolean bridge =
        hub.config().keys().stream()
            .filter(k -> k.name().equals("bridge.enabled"))
            .anyMatch(k -> Boolean.TRUE.equals(hub.config(k)));
    return bridge
        ? origin(hub.config(BridgeSettings.RELAY_URL), hub.config(BridgeSettings.ALLOW_PLAIN_RELAY))
        : "";
  }

  static String origin(String text) {
    return origin(text, false);
  }

  /**
   * scheme://host[:port] of a relay URL; empty unless it is wss:// (or ws:// when {@code
   * allowPlain}), with nothing else in it.
   */
  static String origin(String text, boolean allowPlain) {
    try {
      URI uri = URI.create(text.trim());
      boolean scheme = "wss".equals(uri.getScheme()) || allowPlain && "ws".equals(uri.getScheme());
      if (!scheme || uri.getHost() == null || !uri.getHost().matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
        return "";
      }
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /**
   * The pages' policy: their own origin only, and the relay for the channel when there is one.
   * Video plays from Media Source object URLs and event thumbnails show from object URLs of what
   * the page fetched with its own credentials, hence blob: for media and images.
   */
  static String contentSecurityPolicy(ModuleContext hub) {
    String relay = url(hub);
    String connect = relay.isEmpty() ? "" : " connect-src 'self' " + relay + ";";
    return "default-src 'self';"
        + connect
        + " media-src 'self' blob:; img-src 'self' blob:; frame-ancestors 'none'";
  }
}
