package io.hearth.runtime.device;

import java.util.Locale;
import java.util.Optional;

/**
 * What a device can report or be told, with its value type, canonical unit and plausible range.
 *
 * <p>Every convention converts into these units, so the rest of Hearth never sees °F, Wh or a 0-254
 * brightness. The range rejects absurd values from broken or hostile devices; it is wide on purpose
 * (a sauna or a solar inverter must still fit). Boolean meanings: MOTION/OCCUPANCY true = detected;
 * CONTACT true = closed (contact made, as zigbee2mqtt reports it); SWITCH true = on; AVAILABILITY
 * true = the device is online. DEVICE_TEMPERATURE is a device's own internal temperature (a relay's
 * chip), kept apart from the room TEMPERATURE on purpose. VALUE and TEXT are a generic reading the
 * hub cannot classify (a CoAP resource such as a clock): a number without unit, or a short text;
 * the device's own description of it is in its {@link SensorDevice#attributes()}.
 */
public enum Capability {
  TEMPERATURE(ValueType.NUMBER, "°C", -100, 250),
  HUMIDITY(ValueType.NUMBER, "%", 0, 100),
  MOTION(ValueType.BOOLEAN, "", 0, 0),
  OCCUPANCY(ValueType.BOOLEAN, "", 0, 0),
  CONTACT(ValueType.BOOLEAN, "", 0, 0),
  ILLUMINANCE(ValueType.NUMBER, "lx", 0, 300_000),
  BATTERY(ValueType.NUMBER, "%", 0, 100),
  POWER(ValueType.NUMBER, "W", -1_000_000, 1_000_000),
  ENERGY(ValueType.NUMBER, "kWh", -1_000_000_000, 1_000_000_000),
  VOLTAGE(ValueType.NUMBER, "V", 0, 2_000),
  CURRENT(ValueType.NUMBER, "A", -2_000, 2_000),
  SWITCH(ValueType.BOOLEAN, "", 0, 0),
  DIMMER(ValueType.NUMBER, "%", 0, 100),
  PRESSURE(ValueType.NUMBER, "hPa", 0, 2_000),
  CO2(ValueType.NUMBER, "ppm", 0, 100_000),
  LINKQUALITY(ValueType.NUMBER, "lqi", 0, 255),
  DEVICE_TEMPERATURE(ValueType.NUMBER, "°C", -100, 250),
  AVAILABILITY(ValueType.BOOLEAN, "", 0, 0),
  VALUE(ValueType.NUMBER, "", -Double.MAX_VALUE, Double.MAX_VALUE),
  TEXT(ValueType.STRING, "", 0, 0);

  private final ValueType valueType;
  private final String unit;
  private final double min;
  private final double max;

  Capability(ValueType valueType, String unit, double min, double max) {
    this.valueType = valueType;
    this.unit = unit;
    this.min = min;
    this.max = max;
  }

  public ValueType valueType() {
    return valueType;
  }

  /** The canonical unit every reading of this capability carries; empty for booleans. */
  public String unit() {
    return unit;
  }

  /** True when a number lies within this capability's plausible range (always false for NaN). */
  public boolean isPlausible(double value) {
    return value >= min && value <= max;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  /** The snake_case name used on the wire (REST, MQTT, storage). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The capability with this wire name, if any. */
  public static Optional<Capability> fromWireName(String wireName) {
    for (Capability c : values()) {
      if (c.wireName().equals(wireName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
