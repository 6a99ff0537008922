package io.hearth.adapters.mqtt.convention;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Expands the abbreviated keys Home Assistant allows in discovery documents ({@code stat_t} for
 * {@code state_topic}, {@code avty} for {@code availability}, ...) at every level HA does: the
 * document, its {@code device} and {@code origin}, each {@code availability} entry and each
 * component of a device document ({@code cmps}); then applies the {@code ~} base topic to every
 * topic value (a key that is {@code topic} or ends with {@code _topic}): a value that starts with
 * {@code ~} gets the base in front, one that ends with {@code ~} gets it behind.
 *
 * <p>The tables are Home Assistant's whole vocabulary, kept as data in {@code ha-abbreviations.txt}
 * next to this class (its header names the source). Where a document holds both a short and a full
 * key, the full one wins, as in HA.
 */
final class HaAbbreviations {
  private static final Map<String, Map<String, String>> TABLES = load("ha-abbreviations.txt");
  static final Map<String, String> ENTITY = TABLES.get("entity");
  static final Map<String, String> DEVICE = TABLES.get("device");
  static final Map<String, String> ORIGIN = TABLES.get("origin");

  private HaAbbreviations() {}

  /** A copy of the document with full key names at every level and {@code ~} applied. */
  static JsonObject expand(JsonObject config) {
    JsonObject out = entity(config);
    if (out.getValue("components") instanceof JsonObject components) {
      JsonObject expanded = new JsonObject();
      for (Map.Entry<String, Object> c : components) {
        expanded.put(c.getKey(), c.getValue() instanceof JsonObject o ? entity(o) : c.getValue());
      }
      out.put("components", expanded);
    }
    if (out.getValue("~") instanceof String base) {
      applyBase(out, base);
    }
    return out;
  }

  private static JsonObject entity(JsonObject in) {
    JsonObject out = rename(in, ENTITY);
    if (out.getValue("device") instanceof JsonObject device) {
      out.put("device", rename(device, DEVICE));
    }
    if (out.getValue("origin") instanceof JsonObject origin) {
      out.put("origin", rename(origin, ORIGIN));
    }
    if (out.getValue("availability") instanceof JsonArray list) {
      JsonArray expanded = new JsonArray();
      list.forEach(e -> expanded.add(e instanceof JsonObject o ? rename(o, ENTITY) : e));
      out.put("availability", expanded);
    }
    return out;
  }

  /** {@code ~} in topic values here, in availability entries and in components. */
  private static void applyBase(JsonObject doc, String base) {
    for (String key : doc.fieldNames()) {
      Object value = doc.getValue(key);
      if (isTopicKey(key) && value instanceof String topic) {
        doc.put(key, substitute(topic, base));
      } else if (value instanceof JsonArray list && "availability".equals(key)) {
        list.forEach(e -> applyBaseUnlessOwn(e, base));
      } else if (value instanceof JsonObject components && "components".equals(key)) {
        components.forEach(c -> applyBaseUnlessOwn(c.getValue(), base));
      }
    }
  }

  private static void applyBaseUnlessOwn(Object value, String base) {
    if (value instanceof JsonObject o) {
      applyBase(o, o.getValue("~") instanceof String own ? own : base);
    }
  }

  private static boolean isTopicKey(String key) {
    return key.equals("topic") || key.endsWith("_topic");
  }

  private static JsonObject rename(JsonObject in, Map<String, String> names) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> e : in) {
      String full = names.getOrDefault(e.getKey(), e.getKey());
      boolean isFull = full.equals(e.getKey());
      if (!out.containsKey(full) || isFull) {
        out.put(full, e.getValue());
      }
    }
    return out;
  }

  private static String substitute(String topic, String base) {
    if (topic.startsWith("~")) {
      return base + topic.substring(1);
    }
    if (topic.endsWith("~")) {
      return topic.substring(0, topic.length() - 1) + base;
    }
    return topic;
  }

  /** Reads "[section]" headers and "short full" lines; '#' starts a comment line. */
  static Map<String, Map<String, String>> load(String resource) {
    Map<String, Map<String, String>> tables = new HashMap<>();
    try (InputStream in = HaAbbreviations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the mqtt adapter's jar");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> table = null;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String l = line.strip();
        if (l.startsWith("[") && l.endsWith("]")) {
          table = tables.computeIfAbsent(l.substring(1, l.length() - 1), k -> new HashMap<>());
        } else if (!l.isEmpty() && !l.startsWith("#") && table != null) {
          String[] pair = l.split("\\s+");
          table.put(pair[0], pair[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    tables.replaceAll((k, v) -> Map.copyOf(v));
    return Map.copyOf(tables);
  }
}
