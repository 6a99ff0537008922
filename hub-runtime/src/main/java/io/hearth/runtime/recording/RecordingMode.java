package io.hearth.runtime.recording;

import java.util.Locale;

/**
 * How a camera is recorded: not at all, on events only (segments kept only around its events, with
 * pre-roll and post-roll), or continuously. Both recorded modes come with motion detection.
 */
public enum RecordingMode {
  OFF,
  EVENTS,
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
    throw new IllegalArgumentException(
        "mode must be off, events or continuous, not '" + text + "'");
  }
}
