package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The zigbee2mqtt property names Hearth understands, and how each becomes a reading. Used both for
 * state messages and for the {@code exposes} of {@code bridge/devices}.
 *
 * <p>Illuminance: zigbee2mqtt before 2.0 sent a raw {@code illuminance} next to {@code
 * illuminance_lux}; from 2.0 {@code illuminance} is in lux and {@code illuminance_lux} is gone. So
 * {@code illuminance_lux} wins when present.
 *
 * <p>Voltage: battery devices report their battery voltage in mV, mains devices (plugs, meters) the
 * line voltage in V, under the same name. The state message does not say which, so a message that
 * also carries {@code battery} is taken to be in mV. (The exposes in {@code bridge/devices} carry
 * the unit; using them would need per-device state here.)
 */
final class Zigbee2MqttFields {
  /** Largest brightness zigbee2mqtt reports; some bulbs report 255, which is clamped. */
  static final double MAX_BRIGHTNESS = 254;

  private static final Map<String, Capability> NUMBERS = new LinkedHashMap<>();
  private static final Map<String, Capability> BOOLEANS = new LinkedHashMap<>();

  static {
    NUMBERS.put("temperature", Capability.TEMPERATURE);
    NUMBERS.put("humidity", Capability.HUMIDITY);
    NUMBERS.put("illuminance_lux", Capability.ILLUMINANCE);
    NUMBERS.put("illuminance", Capability.ILLUMINANCE);
    NUMBERS.put("battery", Capability.BATTERY);
    NUMBERS.put("power", Capability.POWER);
    NUMBERS.put("energy", Capability.ENERGY);
    NUMBERS.put("voltage", Capability.VOLTAGE);
    NUMBERS.put("current", Capability.CURRENT);
    NUMBERS.put("pressure", Capability.PRESSURE);
    NUMBERS.put("co2", Capability.CO2);
    NUMBERS.put("device_temperature", Capability.DEVICE_TEMPERATURE);
    NUMBERS.put("linkquality", Capability.LINKQUALITY);
    BOOLEANS.put("occupancy", Capability.OCCUPANCY);
    BOOLEANS.put("presence", Capability.OCCUPANCY);
    BOOLEANS.put("contact", Capability.CONTACT);
  }

  private Zigbee2MqttFields() {}

  /** The capability a property name stands for, if Hearth knows it. */
  static Optional<Capability> capabilityOf(String property) {
    if ("state".equals(property)) {
      return Optional.of(Capability.SWITCH);
    }
    if ("brightness".equals(property)) {
      return Optional.of(Capability.DIMMER);
    }
    Capability c = NUMBERS.get(property);
    return Optional.ofNullable(c != null ? c : BOOLEANS.get(property));
  }

  /** Adds a reading for every known property of a state message. */
  static void collect(JsonObject json, ReadingCollector out) {
    NUMBERS.forEach(
        (field, cap) -> {
          if ("voltage".equals(field) && json.containsKey("battery")) {
            out.number(cap, field, json.getValue(field), mv -> mv / 1000.0);
          } else if (!"illuminance".equals(field) || !json.containsKey("illuminance_lux")) {
            out.number(cap, field, json.getValue(field));
          }
        });
    BOOLEANS.forEach((field, cap) -> out.bool(cap, field, json.getValue(field)));
    Object state = json.getValue("state");
    // Covers and locks also use "state" (OPEN, LOCK, ...): not a switch, so not a problem either.
    if (!(state instanceof String s) || isOnOff(s)) {
      out.onOff(Capability.SWITCH, "state", state, "ON", "OFF");
    }
    out.number(
        Capability.DIMMER,
        "brightness",
        json.getValue("brightness"),
        Zigbee2MqttFields::brightnessPercent);
  }

  private static boolean isOnOff(String s) {
    return "ON".equalsIgnoreCase(s) || "OFF".equalsIgnoreCase(s);
  }

  /** 0-254 to 0-100 %, one decimal; 255 (sent by some bulbs) is clamped, larger is left absurd. */
  static double brightnessPercent(double raw) {
    double percent = Math.round(raw * 1000.0 / MAX_BRIGHTNESS) / 10.0;
    return raw <= MAX_BRIGHTNESS + 1 ? Math.min(100.0, percent) : percent;
  }
}
