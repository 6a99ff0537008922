package io.hearth.dist;

import io.hearth.runtime.RuntimeSettings;
import io.hearth.runtime.config.ConfigKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the package's {@code /etc/hearth/hearth.yaml} from the hub's own configuration keys, so
 * the conffile documents every key the hub knows (description, default, environment variable) and
 * cannot drift from the code. Every key is commented out at its default, as Debian's conffiles do,
 * so new defaults reach users through upgrades; only {@code hub.data-dir} is set, to the package's
 * state directory.
 */
public final class ConffileTemplate {
  /** Where the package keeps the hub's data. */
  public static final String STATE_DIRECTORY = "/var/lib/hearth";

  private static final int WIDTH = 96;

  private static final String HEADER =
      """
      # Hearth's configuration (Debian package hearth).
      #
      # Every key the hub knows is listed below with what it does, its default and the environment
      # variable that overrides it. A key commented out (#key: value) keeps its default. To change
      # one, remove the '#' and edit the value, then: sudo systemctl restart hearth
      # `sudo hearth config` prints the configuration in effect and where each value came from.
      # This file may hold passwords (mqtt.password): it is readable by root and the hearth user only.

      """;

  private ConffileTemplate() {}

  /**
   * The YAML text for the given keys: one section per module, sorted like {@code hearth config}.
   */
  public static String render(Collection<ConfigKey<?>> keys) {
    Map<String, List<ConfigKey<?>>> sections = new TreeMap<>();
    for (ConfigKey<?> key : keys) {
      sections.computeIfAbsent(key.section(), s -> new ArrayList<>()).add(key);
    }
    StringBuilder yaml = new StringBuilder(HEADER);
    sections.forEach(
        (section, members) -> {
          yaml.append(section).append(":\n");
          members.stream()
              .sorted(java.util.Comparator.comparing(ConfigKey::name))
              .forEach(key -> entry(yaml, key));
        });
    return yaml.toString();
  }

  private static void entry(StringBuilder yaml, ConfigKey<?> key) {
    for (String line : wrap(key.description(), WIDTH - 4)) {
      yaml.append("  # ").append(line).append('\n');
    }
    yaml.append("  # default: ").append(defaultText(key));
    yaml.append("; environment variable ").append(key.environmentVariable()).append('\n');
    String local = key.name().substring(key.section().length() + 1);
    if (key.equals(RuntimeSettings.DATA_DIR)) {
      yaml.append("  ").append(local).append(": ").append(quote(STATE_DIRECTORY));
    } else {
      yaml.append("  #").append(local).append(": ");
      yaml.append(key.defaultValue() == null ? "" : render(key.defaultValue()));
    }
    yaml.append("\n\n");
  }

  private static String defaultText(ConfigKey<?> key) {
    if (key.defaultValue() == null) {
      return "none";
    }
    return key.secret() ? "(secret)" : render(key.defaultValue());
  }

  private static String render(Object value) {
    return value instanceof String s ? quote(s) : String.valueOf(value);
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** Splits text into lines of at most {@code width} characters at spaces. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
