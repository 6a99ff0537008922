package io.hearth.runtime.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * A typed, self-documenting configuration definition: its full name ({@code section.key}), what it
 * does, its default, how text becomes a value, and whether it is secret (masked when printed).
 *
 * @param <T> the value's type
 */
public final class ConfigKey<T> {
  private final String name;
  private final String description;
  private final T defaultValue;
  private final Class<T> type;
  private final Function<String, T> parser;
  private final boolean secret;
  private Integer min;
  private Integer max;

  private ConfigKey(
      String name,
      String description,
      T defaultValue,
      Class<T> type,
      Function<String, T> parser,
      boolean secret) {
    if (!name.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+")) {
      throw new IllegalArgumentException("config key must be section.key in kebab-case: " + name);
    }
    this.name = name;
    this.description = Objects.requireNonNull(description);
    this.defaultValue = defaultValue;
    this.type = type;
    this.parser = parser;
    this.secret = secret;
  }

  /** A string key; {@code null} default means "not set". */
  public static ConfigKey<String> string(String name, String description, String defaultValue) {
    return new ConfigKey<>(name, description, defaultValue, String.class, s -> s, false);
  }

  /** A secret string: masked by {@code hearth config}, never logged. */
  public static ConfigKey<String> secret(String name, String description) {
    return new ConfigKey<>(name, description, null, String.class, s -> s, true);
  }

  public static ConfigKey<Boolean> bool(String name, String description, boolean defaultValue) {
    return new ConfigKey<>(
        name, description, defaultValue, Boolean.class, ConfigKey::parseBoolean, false);
  }

  /** An integer within [min, max]. */
  public static ConfigKey<Integer> integer(
      String name, String description, int defaultValue, int min, int max) {
    Function<String, Integer> parser = s -> parseInt(s, min, max);
    ConfigKey<Integer> key =
        new ConfigKey<>(name, description, defaultValue, Integer.class, parser, false);
    key.min = min;
    key.max = max;
    return key;
  }

  /** A TCP or UDP port; 0 means "pick a free one". */
  public static ConfigKey<Integer> port(String name, String description, int defaultValue) {
    return integer(name, description + " 0 picks a free port.", defaultValue, 0, 65535);
  }

  public String name() {
    return name;
  }

  public String section() {
    return name.substring(0, name.indexOf('.'));
  }

  public String description() {
    return description;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public boolean secret() {
    return secret;
  }

  /** The smallest value an integer key takes; null for other keys. */
  public Integer min() {
    return min;
  }

  /** The largest value an integer key takes; null for other keys. */
  public Integer max() {
    return max;
  }

  /** The value's kind as the API names it: integer, boolean or string. */
  public String kind() {
    return type == Integer.class ? "integer" : type == Boolean.class ? "boolean" : "string";
  }

  /** The environment variable that overrides this key: {@code HEARTH_API_PORT} for api.port. */
  public String environmentVariable() {
    return "HEARTH_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Parses text into this key's type. */
  public T parse(String text) {
    return parser.apply(text.trim());
  }

  /** Accepts a value already typed (from YAML) or text. */
  T coerce(Object raw) {
    if (type.isInstance(raw)) {
      return type.cast(raw);
    }
    if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
      return parse(String.valueOf(raw));
    }
    throw new IllegalArgumentException("expected a " + typeName() + ", got a nested structure");
  }

  String typeName() {
    return type == Integer.class ? "number" : type == Boolean.class ? "true or false" : "string";
  }

  private static Boolean parseBoolean(String s) {
    switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> {
        return true;
      }
      case "false", "no", "off" -> {
        return false;
      }
      default -> throw new IllegalArgumentException("expected true or false, got '" + s + "'");
    }
  }

  private static Integer parseInt(String s, int min, int max) {
    int value;
    try {
      value = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number, got '" + s + "'", e);
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "expected a number from " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return name;
  }
}
