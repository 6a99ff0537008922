package io.hearth.adapters.coap.codec;

import io.hearth.runtime.device.Capability;

/** Converts a decoded scalar to a capability's canonical value, refusing implausible ones. */
public final class CapabilityValue {
  private CapabilityValue() {}

  /** A Double for NUMBER, a Boolean for BOOLEAN (numbers 0 and 1 count), a String for STRING. */
  public static Object convert(Capability capability, Object value) throws CoapCodecException {
    return switch (capability.valueType()) {
      case NUMBER -> number(capability, value);
      case BOOLEAN -> bool(capability, value);
      default -> String.valueOf(value);
    };
  }

  private static Double number(Capability capability, Object value) throws CoapCodecException {
    if (!(value instanceof Double number)) {
      throw new CoapCodecException(
          capability.wireName() + " expects a number, got '" + value + "'");
    }
    if (!capability.isPlausible(number)) {
      throw new CoapCodecException(
          capability.wireName() + " value " + number + " is outside its plausible range");
    }
    return number;
  }

  private static Boolean bool(Capability capability, Object value) throws CoapCodecException {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Double d && (d == 0.0 || d == 1.0)) {
      return d == 1.0;
    }
    throw new CoapCodecException(
        capability.wireName() + " expects true/false or 1/0, got '" + value + "'");
  }
}
