package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import java.util.Objects;

/**
 * One typed value a device reported, already in the capability's canonical unit.
 *
 * <p>{@code deviceKey} names the device within its convention ({@code "z2m:kitchen_sensor"}, {@code
 * "tasmota:plug1"}, {@code "shelly:shellyplus1pm-a8032ab1c2d3#1"} for channel 1). The value is a
 * Double for NUMBER capabilities and a Boolean for BOOLEAN ones; the constructor refuses anything
 * else so a reading can never carry a NaN or a wrong type.
 */
public record Reading(String deviceKey, Capability capability, Object value, String unit) {

  public Reading {
    Objects.requireNonNull(deviceKey, "deviceKey");
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    checkValue(capability, value);
  }

  /** A reading in the capability's canonical unit. */
  public static Reading of(String deviceKey, Capability capability, Object value) {
    return new Reading(deviceKey, capability, value, capability.unit());
  }

  private static void checkValue(Capability capability, Object value) {
    switch (capability.valueType()) {
      case NUMBER -> {
        if (!(value instanceof Double d) || !Double.isFinite(d)) {
          throw new IllegalArgumentException(capability + " needs a finite Double, got " + value);
        }
      }
      case BOOLEAN -> {
        if (!(value instanceof Boolean)) {
          throw new IllegalArgumentException(capability + " needs a Boolean, got " + value);
        }
      }
      case STRING -> {
        if (!(value instanceof String)) {
          throw new IllegalArgumentException(capability + " needs a String, got " + value);
        }
      }
    }
  }
}
