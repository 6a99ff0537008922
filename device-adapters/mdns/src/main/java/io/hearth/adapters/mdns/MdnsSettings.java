package io.hearth.adapters.mdns;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code mdns} section, typed. Where mDNS listens and announces is {@code
 * discovery.interfaces}, shared with the other discovery protocols.
 *
 * @param advertise whether the hub announces itself as {@code _hearth._tcp}
 * @param extraTypes service types browsed besides the built-in ones, listed for information
 * @param pollIntervalMs how often interfaces and addresses are checked for changes
 */
public record MdnsSettings(boolean advertise, List<String> extraTypes, int pollIntervalMs) {
  private static final Pattern SERVICE_TYPE = Pattern.compile("_[A-Za-z0-9-]{1,15}\\._(tcp|udp)");

  public static final ConfigKey<Boolean> ADVERTISE =
      ConfigKey.bool(
          "mdns.advertise",
          "Announce the hub as _hearth._tcp (API port, hub id, TLS fingerprint) so displays find"
              + " it. Default true.",
          true);
  public static final ConfigKey<String> SERVICE_TYPES =
      ConfigKey.string(
          "mdns.service-types",
          "More DNS-SD service types to browse, separated by commas (_ipp._tcp,_ssh._tcp);"
              + " what they find is listed in the inbox, not adopted. Default none.",
          "");
  public static final ConfigKey<Integer> POLL_INTERVAL_MS =
      ConfigKey.integer(
          "mdns.poll-interval-ms",
          "Milliseconds between checks of the network interfaces and their addresses; mDNS is"
              + " restarted only on the ones that changed. Default 5000.",
          5_000,
          500,
          600_000);

  public MdnsSettings {
    extraTypes = List.copyOf(extraTypes);
    for (String type : extraTypes) {
      if (!SERVICE_TYPE.matcher(type).matches()) {
        throw new IllegalArgumentException(
            "mdns.service-types: "
                + type
                + " is not a DNS-SD service type; write it like _ipp._tcp or _coap._udp");
      }
    }
  }

  public static List<ConfigKey<?>> keys() {
    return List.of(ADVERTISE, SERVICE_TYPES, POLL_INTERVAL_MS);
  }

  public static MdnsSettings from(HubConfig config) {
    List<String> types = new ArrayList<>();
    String spec = config.get(SERVICE_TYPES);
    if (spec != null) {
      for (String t : spec.split(",", -1)) {
        if (!t.isBlank()) {
          types.add(t.strip());
        }
      }
    }
    return new MdnsSettings(config.get(ADVERTISE), types, config.get(POLL_INTERVAL_MS));
  }
}
