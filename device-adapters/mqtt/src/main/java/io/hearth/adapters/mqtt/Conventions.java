package io.hearth.adapters.mqtt;

import io.hearth.adapters.mqtt.convention.HomeAssistantDiscoveryConvention;
import io.hearth.adapters.mqtt.convention.MqttConvention;
import io.hearth.adapters.mqtt.convention.ShellyGen2Convention;
import io.hearth.adapters.mqtt.convention.TasmotaConvention;
import io.hearth.adapters.mqtt.convention.TranslationLimits;
import io.hearth.adapters.mqtt.convention.Zigbee2MqttConvention;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The conventions of one bridge, made fresh from their ids (Home Assistant's is stateful, so each
 * bridge gets its own), and found again by a device key's prefix ({@code z2m:kitchen}).
 */
final class Conventions {
  private final List<MqttConvention> all;

  private Conventions(List<MqttConvention> all) {
    this.all = List.copyOf(all);
  }

  static Conventions create(List<String> ids) {
    List<MqttConvention> made = new ArrayList<>();
    for (String id : ids) {
      String canonical = canonical(id);
      made.add(
          canonical.equals(HomeAssistantDiscoveryConvention.ID)
              ? homeAssistant(ids)
              : make(canonical));
    }
    return new Conventions(made);
  }

  /**
   * Home Assistant discovery that leaves to the other enabled conventions the devices they read
   * themselves (zigbee2mqtt, Tasmota and Shelly announce theirs to HA as well): one physical
   * device, one Hearth device.
   */
  private static MqttConvention homeAssistant(List<String> ids) {
    List<String> others =
        ids.stream()
            .map(Conventions::canonical)
            .filter(id -> !id.equals(HomeAssistantDiscoveryConvention.ID))
            .flatMap(id -> make(id).subscriptions().stream())
            .toList();
    return new HomeAssistantDiscoveryConvention(
        HomeAssistantDiscoveryConvention.DEFAULT_PREFIX,
        uid -> uid.startsWith(HomeAssistantDiscoveryConvention.DEFAULT_OWN_PREFIX),
        topic -> others.stream().anyMatch(f -> TopicFilter.matches(f, topic)),
        TranslationLimits.DEFAULTS);
  }

  List<MqttConvention> all() {
    return all;
  }

  /** The convention whose device keys start with {@code <id>:}. */
  Optional<MqttConvention> forDeviceKey(String deviceKey) {
    int colon = deviceKey.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String prefix = deviceKey.substring(0, colon);
    return all.stream().filter(c -> c.id().equals(prefix)).findFirst();
  }

  /** Splits a comma list, ignoring blanks and repeats. */
  static List<String> parseList(String text) {
    return Arrays.stream(text == null ? new String[0] : text.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(Conventions::canonical)
        .distinct()
        .toList();
  }

  /** The id of a convention, accepting the long names too; throws naming the valid ones. */
  static String canonical(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "z2m", "zigbee2mqtt" -> Zigbee2MqttConvention.ID;
      case "tasmota" -> TasmotaConvention.ID;
      case "ha", "homeassistant", "home-assistant" -> HomeAssistantDiscoveryConvention.ID;
      case "shelly", "shelly-gen2" -> ShellyGen2Convention.ID;
      default ->
          throw new IllegalArgumentException(
              "mqtt.conventions: unknown convention '"
                  + name
                  + "'; choose from z2m, tasmota, ha, shelly");
    };
  }

  private static MqttConvention make(String id) {
    return switch (id) {
      case Zigbee2MqttConvention.ID -> new Zigbee2MqttConvention();
      case TasmotaConvention.ID -> new TasmotaConvention();
      case HomeAssistantDiscoveryConvention.ID -> new HomeAssistantDiscoveryConvention();
      default -> new ShellyGen2Convention();
    };
  }
}
