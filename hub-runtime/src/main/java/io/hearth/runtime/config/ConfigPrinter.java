package io.hearth.runtime.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the effective configuration as the YAML file a user would write, one section per module,
 * every key with its description, default and origin; secrets are masked.
 */
public final class ConfigPrinter {
  static final String MASK = "'********'";

  private ConfigPrinter() {}

  public static String print(HubConfig config) {
    Map<String, StringBuilder> sections = new TreeMap<>();
    for (ConfigKey<?> key : config.keys()) {
      StringBuilder out = sections.computeIfAbsent(key.section(), s -> new StringBuilder());
      out.append("  # ").append(key.description()).append('\n');
      out.append("  # default: ").append(render(key, key.defaultValue()));
      out.append("; env ").append(key.environmentVariable());
      out.append("; from: ").append(config.origin(key)).append('\n');
      String local = key.name().substring(key.section().length() + 1);
      out.append("  ").append(local).append(": ").append(render(key, config.get(key)));
      out.append("\n\n");
    }
    StringBuilder yaml = new StringBuilder();
    sections.forEach((name, body) -> yaml.append(name).append(":\n").append(body));
    return yaml.toString();
  }

  private static String render(ConfigKey<?> key, Object value) {
    if (value == null) {
      return "null";
    }
    if (key.secret()) {
      return MASK;
    }
    if (value instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    return String.valueOf(value);
  }
}
