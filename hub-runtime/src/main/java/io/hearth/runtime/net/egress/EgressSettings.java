package io.hearth.runtime.net.egress;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import java.util.Arrays;
import java.util.List;

/** The {@code egress} configuration section: what the owner lets the hub reach outside the home. */
public final class EgressSettings {
  public static final ConfigKey<String> ALLOWED_HOSTS =
      ConfigKey.string(
          "egress.allowed-hosts",
          "Hosts outside the home network (names or addresses, comma-separated) the hub may connect"
              + " to, e.g. a camera you reach over the internet; every such connection is recorded"
              + " in the egress ledger (GET /api/v1/egress). Empty: the hub stays on the home"
              + " network.",
          "");

  private EgressSettings() {}

  static List<String> parse(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public static List<String> allowedHosts(HubConfig config) {
    return parse(config.get(ALLOWED_HOSTS));
  }
}
