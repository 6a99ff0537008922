package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Reads the status object of one Shelly Gen2 component ({@code switch:0}, {@code light:0}, {@code
 * temperature:0}, {@code humidity:0}, {@code devicepower:0}, {@code illuminance:0}). Used for
 * {@code status/<component>} messages and for each component in a {@code NotifyStatus}, which
 * carries only the fields that changed; absent fields are simply not read.
 *
 * <p>A switch's {@code temperature.tC} is the relay's own temperature, so it becomes
 * DEVICE_TEMPERATURE, not TEMPERATURE; {@code aenergy.total} is in Wh and becomes kWh.
 */
final class ShellyComponents {
  private ShellyComponents() {}

  /** A component name split into type and numeric id: {@code switch:1} is (switch, 1). */
  record Name(String type, int id) {
    static Optional<Name> parse(String component) {
      int colon = component.indexOf(':');
      if (colon <= 0 || colon == component.length() - 1 || component.length() - colon > 4) {
        return Optional.empty();
      }
      String digits = component.substring(colon + 1);
      if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      return Optional.of(new Name(component.substring(0, colon), Integer.parseInt(digits)));
    }
  }

  /** True for component types Hearth reads. */
  static boolean isKnown(String type) {
    return switch (type) {
      case "switch", "light", "temperature", "humidity", "devicepower", "illuminance" -> true;
      default -> false;
    };
  }

  static void read(Name name, JsonObject status, ReadingCollector out) {
    String f = name.type() + ":" + name.id() + ".";
    switch (name.type()) {
      case "switch" -> switchStatus(f, status, out);
      case "light" -> {
        out.bool(Capability.SWITCH, f + "output", status.getValue("output"));
        out.number(Capability.DIMMER, f + "brightness", status.getValue("brightness"));
      }
      case "temperature" -> out.number(Capability.TEMPERATURE, f + "tC", status.getValue("tC"));
      case "humidity" -> out.number(Capability.HUMIDITY, f + "rh", status.getValue("rh"));
      case "illuminance" -> out.number(Capability.ILLUMINANCE, f + "lux", status.getValue("lux"));
      case "devicepower" ->
          out.number(
              Capability.BATTERY, f + "battery.percent", nested(status, "battery", "percent"));
      default -> {}
    }
  }

  private static void switchStatus(String f, JsonObject status, ReadingCollector out) {
    out.bool(Capability.SWITCH, f + "output", status.getValue("output"));
    out.number(Capability.POWER, f + "apower", status.getValue("apower"));
    out.number(Capability.VOLTAGE, f + "voltage", status.getValue("voltage"));
    out.number(Capability.CURRENT, f + "current", status.getValue("current"));
    out.number(
        Capability.ENERGY,
        f + "aenergy.total",
        nested(status, "aenergy", "total"),
        wh -> wh / 1000.0);
    out.number(
        Capability.DEVICE_TEMPERATURE, f + "temperature.tC", nested(status, "temperature", "tC"));
  }

  /** {@code status[outer][inner]}, or null when either level is missing or not an object. */
  private static Object nested(JsonObject status, String outer, String inner) {
    return status.getValue(outer) instanceof JsonObject o ? o.getValue(inner) : null;
  }
}
