package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * Maps Home Assistant sensor device classes to capabilities and their declared units to Hearth's
 * canonical ones. A missing unit is taken to be canonical; an unknown one makes the entity
 * unsupported rather than silently mis-scaled.
 */
final class HaUnits {
  private static final DoubleUnaryOperator SAME = DoubleUnaryOperator.identity();

  private static final Map<String, Capability> SENSOR_CLASSES =
      Map.ofEntries(
          Map.entry("temperature", Capability.TEMPERATURE),
          Map.entry("humidity", Capability.HUMIDITY),
          Map.entry("illuminance", Capability.ILLUMINANCE),
          Map.entry("battery", Capability.BATTERY),
          Map.entry("power", Capability.POWER),
          Map.entry("energy", Capability.ENERGY),
          Map.entry("voltage", Capability.VOLTAGE),
          Map.entry("current", Capability.CURRENT),
          Map.entry("pressure", Capability.PRESSURE),
          Map.entry("atmospheric_pressure", Capability.PRESSURE),
          Map.entry("carbon_dioxide", Capability.CO2));

  private static final Map<String, DoubleUnaryOperator> CONVERSIONS =
      Map.ofEntries(
          Map.entry("TEMPERATURE °F", f -> (f - 32.0) * 5.0 / 9.0),
          Map.entry("TEMPERATURE K", k -> k - 273.15),
          Map.entry("POWER kW", kw -> kw * 1000.0),
          Map.entry("ENERGY Wh", wh -> wh / 1000.0),
          Map.entry("ENERGY MWh", mwh -> mwh * 1000.0),
          Map.entry("VOLTAGE mV", mv -> mv / 1000.0),
          Map.entry("CURRENT mA", ma -> ma / 1000.0),
          Map.entry("PRESSURE Pa", pa -> pa / 100.0),
          Map.entry("PRESSURE kPa", kpa -> kpa * 10.0),
          Map.entry("PRESSURE mbar", SAME),
          Map.entry("PRESSURE bar", bar -> bar * 1000.0),
          Map.entry("PRESSURE mmHg", mm -> mm * 1.333_224),
          Map.entry("PRESSURE inHg", in -> in * 33.863_886),
          Map.entry("PRESSURE psi", psi -> psi * 68.947_573));

  private HaUnits() {}

  static Optional<Capability> sensorClass(Object deviceClass) {
    return deviceClass instanceof String s
        ? Optional.ofNullable(SENSOR_CLASSES.get(s))
        : Optional.empty();
  }

  /** The conversion from {@code unit} to the capability's canonical unit, if known. */
  static Optional<DoubleUnaryOperator> toCanonical(Capability cap, Object unit) {
    if (unit == null || cap.unit().equals(unit)) {
      return Optional.of(SAME);
    }
    return Optional.ofNullable(CONVERSIONS.get(cap.name() + " " + unit));
  }
}
