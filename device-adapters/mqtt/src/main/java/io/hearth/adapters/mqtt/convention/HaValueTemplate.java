package io.hearth.adapters.mqtt.convention;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small subset of Home Assistant value templates Hearth understands, without a Jinja engine:
 * {@code {{ value }}}, {@code {{ value_json.x }}}, {@code {{ value_json['x'] }}}, {@code {{
 * value_json["x"] }}} and chains of those ({@code {{ value_json.x.y }}}). Filters ({@code |
 * float}), arithmetic and conditionals are refused, so such an entity is reported as unsupported
 * rather than read wrongly.
 */
final class HaValueTemplate {
  private static final Pattern WHOLE = Pattern.compile("\\{\\{\\s*(value(?:_json)?)(.*?)\\s*}}");
  private static final Pattern STEP =
      Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\['([^'\\\\]*)']|\\[\"([^\"\\\\]*)\"]");

  /** The identity template: the payload text itself. */
  static final HaValueTemplate RAW = new HaValueTemplate(false, List.of());

  private final boolean json;
  private final List<String> path;

  private HaValueTemplate(boolean json, List<String> path) {
    this.json = json;
    this.path = List.copyOf(path);
  }

  /** A template selecting one top-level key of a JSON payload. */
  static HaValueTemplate jsonKey(String key) {
    return new HaValueTemplate(true, List.of(key));
  }

  /** Parses a template; empty if it is outside the supported subset. Null means RAW. */
  static Optional<HaValueTemplate> parse(String template) {
    if (template == null || template.isBlank()) {
      return Optional.of(RAW);
    }
    Matcher m = WHOLE.matcher(template.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    boolean json = m.group(1).equals("value_json");
    Optional<List<String>> steps = steps(m.group(2));
    if (steps.isEmpty() || json == steps.get().isEmpty()) {
      return Optional.empty(); // value_json needs a key; plain value takes none
    }
    return Optional.of(new HaValueTemplate(json, steps.get()));
  }

  private static Optional<List<String>> steps(String rest) {
    List<String> out = new ArrayList<>();
    Matcher m = STEP.matcher(rest);
    int at = 0;
    while (at < rest.length()) {
      if (!m.find(at) || m.start() != at) {
        return Optional.empty();
      }
      out.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
      at = m.end();
    }
    return Optional.of(out);
  }

  /** True when the payload must be parsed as JSON before {@link #extract}. */
  boolean needsJson() {
    return json;
  }

  /** The value the template selects from a parsed JSON object, or null when absent. */
  Object extract(JsonObject document) {
    Object node = document;
    for (String key : path) {
      if (!(node instanceof JsonObject o)) {
        return null;
      }
      node = o.getValue(key);
    }
    return node;
  }
}
