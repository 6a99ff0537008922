package io.hearth.runtime.recording;

import java.util.Locale;

/** How a camera is recorded. Recording on events comes with motion detection. */
public enum RecordingMode {
  OFF,
  CONTINUOUS;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; the message says what is accepted. */
  public static RecordingMode parse(String text) {
    for (RecordingMode mode : values()) {
      if (mode.wireName().equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("mode must be off or continuous, not '" + text + "'");
  }
}
