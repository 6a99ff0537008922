package io.hearth.runtime.settings;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.error.HubException;
import java.util.ArrayList;
import java.util.List;

/** The problems of one change request, collected so that one answer names all of them. */
final class SettingErrors {
  private static final int MAX_NAME = 64;

  private final List<String> known;
  private final List<String> invalid = new ArrayList<>();
  private final List<String> locked = new ArrayList<>();

  SettingErrors(List<String> known) {
    this.known = known;
  }

  void unknown(String name) {
    String shown = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) + "..." : name;
    invalid.add(
        "'"
            + shown
            + "' is not a setting the app can change; these are: "
            + String.join(", ", known)
            + ".");
  }

  void locked(String label, String origin) {
    String by = origin.startsWith("environment") ? "the " + origin : "the command line (--set)";
    locked.add(
        label
            + " is set by "
            + by
            + " where the hub is started, which wins over the app; change or remove it there.");
  }

  /** A setting of a module that is installed but off: nothing to change until it is on. */
  void unavailable(String label, String requires) {
    locked.add(
        label
            + " is there only when "
            + requires
            + " is true in the settings file (hearth.yaml); it is not, so the hub has nothing"
            + " to switch.");
  }

  /** The value as the key's text, or null (and an error noted) when it is not one. */
  String text(String label, ConfigKey<?> key, Object value) {
    if (value == null) {
      return null;
    }
    boolean typed =
        switch (key.kind()) {
          case "integer" -> value instanceof Integer || value instanceof Long;
          case "boolean" -> value instanceof Boolean;
          default -> value instanceof String;
        };
    if (!typed) {
      invalid.add(label + ": expected " + expected(key) + ", got " + shown(value) + ".");
      return null;
    }
    try {
      return String.valueOf(key.parse(String.valueOf(value)));
    } catch (IllegalArgumentException e) {
      invalid.add(label + ": " + e.getMessage() + ".");
      return null;
    }
  }

  void throwIfAny() {
    List<String> all = new ArrayList<>(invalid);
    all.addAll(locked);
    if (!invalid.isEmpty()) {
      throw new HubException(400, "invalid_setting", String.join(" ", all) + " Nothing was saved.");
    }
    if (!locked.isEmpty()) {
      throw new HubException(409, "setting_locked", String.join(" ", all) + " Nothing was saved.");
    }
  }

  private static String expected(ConfigKey<?> key) {
    return switch (key.kind()) {
      case "integer" -> "a whole number from " + key.min() + " to " + key.max();
      case "boolean" -> "true or false";
      default -> "text";
    };
  }

  private static String shown(Object value) {
    String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    return text.length() > MAX_NAME ? text.substring(0, MAX_NAME) + "..." : text;
  }
}
