package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.ValueType;
import io.vertx.core.json.JsonObject;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;

/**
 * How one Home Assistant state topic feeds one capability of one entity: the template that picks
 * the value out, and how to read it (a number with a unit conversion, or on/off words). {@code
 * invert} serves door and window sensors, where Home Assistant's "on" means open and Hearth's
 * CONTACT true means closed.
 */
record HaBinding(
    String deviceKey,
    String stateTopic,
    Capability capability,
    HaValueTemplate template,
    DoubleUnaryOperator toCanonical,
    String on,
    String off,
    boolean invert) {

  /** Plain decimal numbers only: no NaN, Infinity, hex or type suffixes that Java would accept. */
  private static final Pattern DECIMAL =
      Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?([eE][+-]?\\d{1,3})?");

  static HaBinding number(
      String key, String topic, Capability cap, HaValueTemplate t, DoubleUnaryOperator conv) {
    return new HaBinding(key, topic, cap, t, conv, "", "", false);
  }

  static HaBinding onOff(
      String key,
      String topic,
      Capability cap,
      HaValueTemplate t,
      String on,
      String off,
      boolean invert) {
    return new HaBinding(key, topic, cap, t, DoubleUnaryOperator.identity(), on, off, invert);
  }

  /** The same binding for another device key. */
  HaBinding withKey(String key) {
    return new HaBinding(key, stateTopic, capability, template, toCanonical, on, off, invert);
  }

  /** Reads the value from a state message: the raw text, or the parsed JSON when templated. */
  void read(String text, JsonObject json, ReadingCollector out) {
    Object value = template.needsJson() ? template.extract(json) : text;
    if (value == null) {
      return;
    }
    String field = stateTopic + (template.needsJson() ? " (template)" : "");
    if (capability.valueType() == ValueType.NUMBER) {
      readNumber(field, value, out);
    } else {
      readOnOff(field, value, out);
    }
  }

  private void readNumber(String field, Object value, ReadingCollector out) {
    Object number = value;
    if (value instanceof String s) {
      String t = s.strip();
      number = DECIMAL.matcher(t).matches() ? (Object) Double.parseDouble(t) : s;
    }
    out.number(capability, field, number, toCanonical);
  }

  private void readOnOff(String field, Object value, ReadingCollector out) {
    Boolean b = null;
    if (value instanceof Boolean bool) {
      b = bool;
    } else if (String.valueOf(value).equals(on)) {
      b = true;
    } else if (String.valueOf(value).equals(off)) {
      b = false;
    }
    if (b == null) {
      out.problem(
          ProblemKind.WRONG_TYPE,
          "'"
              + field
              + "' should be \""
              + on
              + "\" or \""
              + off
              + "\", got "
              + BoundedJson.describe(value));
      return;
    }
    out.add(Reading.of(deviceKey, capability, invert != b));
  }
}
