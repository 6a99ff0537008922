package io.hearth.api.mqtt;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.ValueType;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.spi.ModuleContext;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands published to {@code hearth/<device>/<capability>/set}: parsed into the capability's
 * value and sent to the device's adapter, audited as whoever published them. Accepts what Home
 * Assistant sends for the documents {@link HaDiscovery} publishes: {@code true}/{@code false} (the
 * documents' payload_on/off, also {@code ON}/{@code OFF}, {@code 1}/{@code 0}), brightness as a
 * number on the hub's 0-100 scale ({@code brightness_scale: 100}), either bare or JSON-quoted.
 */
final class HubCommands {
  private static final Logger LOG = LoggerFactory.getLogger(HubCommands.class);
  private static final int MAX_PAYLOAD = 64;

  private final ModuleContext hub;
  private final boolean externalAllowed;

  /**
   * @param externalAllowed whether commands arriving on an external broker ({@link
   *     ExternalBroker#PUBLISHER}) are carried out: that broker's own access rules decided who
   *     could publish them
   */
  HubCommands(ModuleContext hub, boolean externalAllowed) {
    this.hub = hub;
    this.externalAllowed = externalAllowed;
  }

  void command(Message message) {
    String[] levels = message.topic().split("/");
    Capability capability = Capability.fromWireName(levels[2]).orElse(null);
    String device = DeviceLevel.idOf(levels[1]);
    if (capability == null || device == null) {
      return;
    }
    Object value;
    try {
      value = parse(capability, message.payload().toString());
    } catch (RuntimeException e) {
      LOG.warn("MQTT command on {} refused: {}", message.topic(), e.getMessage());
      return;
    }
    // A client's command is checked again now (the broker checked it at publish time) and
    // audited as whoever published it; the hub's own publishes are audited as the hub.
    Principal actor = message.publisher();
    if (actor == ExternalBroker.PUBLISHER && !externalAllowed) {
      LOG.info("MQTT command on {} ignored: api.mqtt.external-commands is false", message.topic());
      return;
    }
    (actor == null || actor == ExternalBroker.PUBLISHER
            ? hub.devices()
                .commandChecked(actor == null ? Principal.HUB : actor, device, capability, value)
            : hub.devices().command(actor, device, capability, value))
        .onFailure(e -> LOG.warn("MQTT command on {} failed: {}", message.topic(), e.getMessage()));
  }

  static Object parse(Capability capability, String text) {
    if (text.length() > MAX_PAYLOAD) {
      throw new IllegalArgumentException("command longer than " + MAX_PAYLOAD + " characters");
    }
    String t = unquote(text.trim());
    if (capability.valueType() == ValueType.BOOLEAN) {
      return switch (t.toLowerCase(Locale.ROOT)) {
        case "true", "on", "1" -> true;
        case "false", "off", "0" -> false;
        default -> throw new IllegalArgumentException("expected on/off or true/false");
      };
    }
    if (capability.valueType() == ValueType.NUMBER) {
      double number;
      try {
        number = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a number");
      }
      if (!capability.isPlausible(number)) {
        throw new IllegalArgumentException("out of range");
      }
      return number;
    }
    return t;
  }

  private static String unquote(String t) {
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
        ? t.substring(1, t.length() - 1).trim()
        : t;
  }
}
