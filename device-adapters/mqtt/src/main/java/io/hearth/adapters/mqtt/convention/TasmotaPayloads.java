package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Reads Tasmota's JSON payloads: {@code SENSOR} (one object per sensor name, plus {@code ENERGY},
 * {@code TempUnit} and {@code PressureUnit}) and the power state in {@code STATE} and {@code
 * RESULT} ({@code POWER}, {@code POWER1}..{@code POWER8}, {@code Dimmer}).
 *
 * <p>Channels: Tasmota counts relays from 1; {@code POWER} and {@code POWER1} are the device's
 * first channel (plain key), {@code POWER2} is {@code tasmota:<topic>#2}. A multi-channel energy
 * monitor sends {@code "Power":[12,0]}; element i becomes channel i+1. Two sensors reporting the
 * same quantity (two DS18B20s) cannot both be expressed without per-sensor keys: the first wins and
 * the second is reported as a problem.
 */
final class TasmotaPayloads {
  static final int MAX_RELAYS = 8;

  private static final Map<String, Capability> SENSOR_FIELDS =
      Map.of(
          "Temperature", Capability.TEMPERATURE,
          "Humidity", Capability.HUMIDITY,
          "Pressure", Capability.PRESSURE,
          "Illuminance", Capability.ILLUMINANCE,
          "CarbonDioxide", Capability.CO2);

  private static final Map<String, Capability> ENERGY_FIELDS =
      Map.of(
          "Power", Capability.POWER,
          "Total", Capability.ENERGY,
          "Voltage", Capability.VOLTAGE,
          "Current", Capability.CURRENT);

  private TasmotaPayloads() {}

  static void sensor(JsonObject json, String topic, ReadingCollector out) {
    DoubleUnaryOperator temp = temperatureUnit(json.getValue("TempUnit"), out);
    DoubleUnaryOperator pressure = pressureUnit(json.getValue("PressureUnit"), out);
    for (Map.Entry<String, Object> e : json) {
      if (e.getValue() instanceof JsonObject values) {
        if ("ENERGY".equals(e.getKey())) {
          energy(values, topic, out);
        } else {
          sensorValues(e.getKey(), values, temp, pressure, out);
        }
      }
    }
  }

  private static void sensorValues(
      String sensor,
      JsonObject values,
      DoubleUnaryOperator temp,
      DoubleUnaryOperator pressure,
      ReadingCollector out) {
    SENSOR_FIELDS.forEach(
        (field, cap) -> {
          DoubleUnaryOperator unit =
              cap == Capability.TEMPERATURE
                  ? temp
                  : cap == Capability.PRESSURE ? pressure : DoubleUnaryOperator.identity();
          out.number(cap, sensor + "." + field, values.getValue(field), unit);
        });
  }

  private static void energy(JsonObject values, String topic, ReadingCollector out) {
    ENERGY_FIELDS.forEach(
        (field, cap) -> {
          Object v = values.getValue(field);
          if (v instanceof JsonArray perChannel) {
            for (int i = 0; i < perChannel.size() && i < MAX_RELAYS; i++) {
              out.forKey(TasmotaConvention.key(topic, i + 1))
                  .number(cap, "ENERGY." + field + "[" + i + "]", perChannel.getValue(i));
            }
          } else {
            out.number(cap, "ENERGY." + field, v);
          }
        });
  }

  /** Power and dimmer state, as found in STATE and RESULT. */
  static void power(JsonObject json, String topic, ReadingCollector out) {
    out.onOff(Capability.SWITCH, "POWER", json.getValue("POWER"), "ON", "OFF");
    for (int relay = 1; relay <= MAX_RELAYS; relay++) {
      String field = "POWER" + relay;
      out.forKey(TasmotaConvention.key(topic, relay))
          .onOff(Capability.SWITCH, field, json.getValue(field), "ON", "OFF");
    }
    out.number(Capability.DIMMER, "Dimmer", json.getValue("Dimmer"));
  }

  private static DoubleUnaryOperator temperatureUnit(Object unit, ReadingCollector out) {
    if (unit == null || "C".equals(unit)) {
      return DoubleUnaryOperator.identity();
    }
    if ("F".equals(unit)) {
      return f -> (f - 32.0) * 5.0 / 9.0;
    }
    out.problem(ProblemKind.UNSUPPORTED, "unknown TempUnit " + BoundedJson.describe(unit));
    return x -> Double.NaN;
  }

  private static DoubleUnaryOperator pressureUnit(Object unit, ReadingCollector out) {
    if (unit == null || "hPa".equals(unit)) {
      return DoubleUnaryOperator.identity();
    }
    if ("mmHg".equals(unit)) {
      return mm -> mm * 1.333_224;
    }
    if ("inHg".equals(unit)) {
      return in -> in * 33.863_886;
    }
    out.problem(ProblemKind.UNSUPPORTED, "unknown PressureUnit " + BoundedJson.describe(unit));
    return x -> Double.NaN;
  }
}
