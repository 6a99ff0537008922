package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import java.util.Optional;

/** Checks a {@link Command}'s value before a convention phrases it for a device. */
final class CommandValues {
  private CommandValues() {}

  /** The on/off value of a SWITCH command, or empty if the command is not a valid one. */
  static Optional<Boolean> switchOn(Command command) {
    if (command.capability() == Capability.SWITCH && command.value() instanceof Boolean b) {
      return Optional.of(b);
    }
    return Optional.empty();
  }

  /** The 0-100 level of a DIMMER command, or empty if the command is not a valid one. */
  static Optional<Double> dimmerPercent(Command command) {
    if (command.capability() == Capability.DIMMER && command.value() instanceof Number n) {
      double d = n.doubleValue();
      if (Capability.DIMMER.isPlausible(d)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** Scales a 0-100 percentage onto 0..{@code max}, rounding to the nearest step. */
  static long scale(double percent, double max) {
    return Math.round(percent * max / 100.0);
  }
}
