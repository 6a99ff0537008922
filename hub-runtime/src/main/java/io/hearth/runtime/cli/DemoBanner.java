package io.hearth.runtime.cli;

import io.hearth.runtime.HubContext;

/** What {@code hearth demo} prints: where to point a browser and the owner's token. */
final class DemoBanner {
  private DemoBanner() {}

  private static String mqtt(HubContext context) {
    Integer port = context.ports().get("api.mqtt.port");
    return port == null ? "off" : "mqtt://127.0.0.1:" + port + "  (user any, password the token)";
  }

  static String text(HubContext context) {
    Integer port = context.ports().get("api.port");
    String token = Main.readOwnerToken(context.dataDir());
    if (port == null) {
      return "Hearth demo is running without its API (api.enabled is false).\n";
    }
    String url = "https://127.0.0.1:" + port + "/";
    return String.join(
            "\n",
            "",
            "  Hearth demo is running (data in " + context.dataDir() + ").",
            "",
            "  URL    " + url,
            "  Token  " + token,
            "",
            "  The certificate is the hub's own; its CA is "
                + context.certificates().caCertificate(),
            "  Display page  "
                + url
                + "display/   (pair it, then approve the code in "
                + url
                + "admin/)",
            "  MQTT          " + mqtt(context),
            "  Try:   curl -k " + url + "api/v1/health",
            "         curl -k -H 'Authorization: Bearer " + token + "' " + url + "api/v1/members",
            "",
            "  Stop with Ctrl-C.",
            "")
        + "\n";
  }
}
