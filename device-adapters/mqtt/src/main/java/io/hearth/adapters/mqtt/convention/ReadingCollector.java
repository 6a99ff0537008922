package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Gathers the readings, descriptions and problems of one message, checking each raw JSON value on
 * the way in: a missing ({@code null}) value is skipped silently (zigbee2mqtt sends null for "not
 * known yet"), a wrong type, a non-finite or an implausible number becomes a problem, and the other
 * fields of the message still count.
 */
final class ReadingCollector {
  private final String subject;
  private final String deviceKey;
  private final Sink sink;

  private static final class Sink {
    final List<Reading> readings = new ArrayList<>();
    final List<DeviceDescription> descriptions = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
  }

  ReadingCollector(String deviceKey) {
    this(deviceKey, deviceKey, new Sink());
  }

  private ReadingCollector(String subject, String deviceKey, Sink sink) {
    this.subject = subject;
    this.deviceKey = deviceKey;
    this.sink = sink;
  }

  /** A collector for another channel of the same device, adding to the same result. */
  ReadingCollector forKey(String otherKey) {
    return new ReadingCollector(subject, otherKey, sink);
  }

  String deviceKey() {
    return deviceKey;
  }

  void number(Capability cap, String field, Object raw) {
    number(cap, field, raw, DoubleUnaryOperator.identity());
  }

  /** Adds a number reading, converted to the canonical unit by {@code toCanonical}. */
  void number(Capability cap, String field, Object raw, DoubleUnaryOperator toCanonical) {
    if (raw == null) {
      return;
    }
    if (!(raw instanceof Number n)) {
      wrongType(field, "a number", raw);
      return;
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      problem(ProblemKind.NOT_FINITE, "'" + field + "' is not a finite number");
      return;
    }
    double v = toCanonical.applyAsDouble(d);
    if (!cap.isPlausible(v)) {
      outOfRange(cap, field, d, v);
      return;
    }
    add(Reading.of(deviceKey, cap, v));
  }

  /** Adds a boolean reading from a JSON boolean. */
  void bool(Capability cap, String field, Object raw) {
    if (raw == null) {
      return;
    }
    if (raw instanceof Boolean b) {
      add(Reading.of(deviceKey, cap, b));
    } else {
      wrongType(field, "true or false", raw);
    }
  }

  /** Adds a boolean reading from a JSON boolean or one of two words (case-insensitive). */
  void onOff(Capability cap, String field, Object raw, String on, String off) {
    if (raw instanceof String s && s.equalsIgnoreCase(on)) {
      add(Reading.of(deviceKey, cap, true));
    } else if (raw instanceof String s && s.equalsIgnoreCase(off)) {
      add(Reading.of(deviceKey, cap, false));
    } else if (raw == null || raw instanceof Boolean) {
      bool(cap, field, raw);
    } else {
      wrongType(field, "\"" + on + "\" or \"" + off + "\"", raw);
    }
  }

  /** Adds a reading unless this device already has one for the capability in this message. */
  void add(Reading reading) {
    if (sink.seen.add(reading.deviceKey() + "\n" + reading.capability())) {
      sink.readings.add(reading);
    } else {
      problem(
          ProblemKind.UNSUPPORTED,
          "a second " + reading.capability().wireName() + " value in one message was dropped");
    }
  }

  void describe(DeviceDescription description) {
    sink.descriptions.add(description);
  }

  void problem(ProblemKind kind, String detail) {
    sink.problems.add(new Problem(kind, detail));
  }

  /** ACCEPTED if anything came out, REJECTED if only problems did, IGNORED if nothing did. */
  Translation build() {
    Translation.Status status;
    if (!sink.readings.isEmpty() || !sink.descriptions.isEmpty()) {
      status = Translation.Status.ACCEPTED;
    } else if (!sink.problems.isEmpty()) {
      status = Translation.Status.REJECTED;
    } else {
      status = Translation.Status.IGNORED;
    }
    return new Translation(status, subject, sink.descriptions, sink.readings, sink.problems);
  }

  private void wrongType(String field, String expected, Object raw) {
    problem(
        ProblemKind.WRONG_TYPE,
        "'" + field + "' should be " + expected + ", got " + BoundedJson.describe(raw));
  }

  private void outOfRange(Capability cap, String field, double raw, double v) {
    String value = raw == v ? fmt(v) : fmt(raw) + " (" + fmt(v) + " " + cap.unit() + ")";
    problem(
        ProblemKind.OUT_OF_RANGE,
        String.format(
            Locale.ROOT,
            "'%s' = %s is outside the plausible range %s..%s %s",
            field,
            value,
            fmt(cap.min()),
            fmt(cap.max()),
            cap.unit()));
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.6g", d).replaceFirst("\\.?0+(e|$)", "$1");
  }
}
