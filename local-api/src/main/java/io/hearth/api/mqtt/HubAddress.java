package io.hearth.api.mqtt;

import io.hearth.api.settings.ApiSettings;
import io.hearth.runtime.NetworkAddresses;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import java.net.InetAddress;

/**
 * The hub's admin page as another machine on the home network reaches it ({@code
 * https://<host>:<api.port>/admin/}), for the {@code configuration_url} of discovery documents: the
 * configured {@code api.host}, or the first non-loopback address when the API listens on every
 * address. Looking up addresses may block, so it runs off the event loop.
 */
final class HubAddress {
  private HubAddress() {}

  static Future<String> admin(ModuleContext hub) {
    Integer port = hub.ports().get(ApiSettings.PORT.name());
    String host = hub.config(ApiSettings.HOST);
    return hub.vertx().executeBlocking(() -> url(host, port == null ? 8443 : port));
  }

  static String url(String configured, int port) {
    String host = configured == null ? "" : configured.trim();
    if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
      host = lanAddress();
    }
    return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/admin/";
  }

  private static String lanAddress() {
    for (InetAddress a : NetworkAddresses.all()) {
      if (!a.isLoopbackAddress()) {
        String host = a.getHostAddress();
        int zone = host.indexOf('%');
        return zone >= 0 ? host.substring(0, zone) : host;
      }
    }
    return "127.0.0.1";
  }
}
