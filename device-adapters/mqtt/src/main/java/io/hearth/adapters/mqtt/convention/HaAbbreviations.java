package io.hearth.adapters.mqtt.convention;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Expands the abbreviated keys Home Assistant allows in discovery documents ({@code stat_t} for
 * {@code state_topic}, ...) and applies the {@code ~} base topic: a topic value that starts with
 * {@code ~} gets the base in front, one that ends with {@code ~} gets it behind. Only the keys
 * Hearth reads are listed; others are kept as they are and ignored later.
 */
final class HaAbbreviations {
  private static final Map<String, String> TOP_LEVEL =
      Map.ofEntries(
          Map.entry("stat_t", "state_topic"),
          Map.entry("cmd_t", "command_topic"),
          Map.entry("dev_cla", "device_class"),
          Map.entry("unit_of_meas", "unit_of_measurement"),
          Map.entry("uniq_id", "unique_id"),
          Map.entry("obj_id", "object_id"),
          Map.entry("val_tpl", "value_template"),
          Map.entry("stat_val_tpl", "state_value_template"),
          Map.entry("pl_on", "payload_on"),
          Map.entry("pl_off", "payload_off"),
          Map.entry("stat_on", "state_on"),
          Map.entry("stat_off", "state_off"),
          Map.entry("bri_stat_t", "brightness_state_topic"),
          Map.entry("bri_cmd_t", "brightness_command_topic"),
          Map.entry("bri_val_tpl", "brightness_value_template"),
          Map.entry("bri_scl", "brightness_scale"),
          Map.entry("bri", "brightness"),
          Map.entry("schema", "schema"),
          Map.entry("ret", "retain"),
          Map.entry("dev", "device"));

  private static final Map<String, String> DEVICE =
      Map.of(
          "ids", "identifiers",
          "mf", "manufacturer",
          "mdl", "model",
          "name", "name",
          "sw", "sw_version");

  private HaAbbreviations() {}

  /** A copy of the document with full key names and {@code ~} applied to topic values. */
  static JsonObject expand(JsonObject config) {
    JsonObject out = rename(config, TOP_LEVEL);
    if (out.getValue("device") instanceof JsonObject device) {
      out.put("device", rename(device, DEVICE));
    }
    if (out.getValue("~") instanceof String base) {
      for (String key : out.fieldNames()) {
        if (key.endsWith("_topic") && out.getValue(key) instanceof String topic) {
          out.put(key, substitute(topic, base));
        }
      }
    }
    return out;
  }

  private static JsonObject rename(JsonObject in, Map<String, String> names) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> e : in) {
      String full = names.getOrDefault(e.getKey(), e.getKey());
      if (!out.containsKey(full) || names.containsValue(e.getKey())) {
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
}
