package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads zigbee2mqtt's retained {@code bridge/devices} list into device descriptions: one per end
 * device or router (the coordinator is skipped), with the capabilities found in the {@code exposes}
 * tree of its definition. Devices that zigbee2mqtt does not support have no definition and come out
 * with no capabilities.
 */
final class Zigbee2MqttInventory {

  /** How the convention parses JSON within its inventory size limit. */
  interface JsonParse {
    BaseConvention.Parsed<Object> parse(String subject, byte[] payload, int maxBytes);
  }

  private final JsonParse json;

  Zigbee2MqttInventory(JsonParse json) {
    this.json = json;
  }

  Translation translate(String topic, byte[] payload, TranslationLimits limits) {
    String subject = Texts.clip(topic);
    BaseConvention.Parsed<Object> parsed =
        json.parse(subject, payload, limits.maxInventoryPayloadBytes());
    if (!parsed.ok()) {
      return parsed.error();
    }
    if (!(parsed.value() instanceof JsonArray devices)) {
      return Translation.rejected(
          subject,
          ProblemKind.WRONG_TYPE,
          "bridge/devices should be an array, got " + BoundedJson.describe(parsed.value()));
    }
    ReadingCollector out = new ReadingCollector(subject);
    for (Object device : devices) {
      describe(device, out);
    }
    return out.build();
  }

  private static void describe(Object entry, ReadingCollector out) {
    if (!(entry instanceof JsonObject device)) {
      out.problem(ProblemKind.WRONG_TYPE, "a device entry is not an object");
      return;
    }
    if ("Coordinator".equals(device.getValue("type"))) {
      return;
    }
    if (!(device.getValue("friendly_name") instanceof String name) || !Topics.isSafePath(name)) {
      out.problem(ProblemKind.WRONG_TYPE, "a device entry has no usable friendly_name");
      return;
    }
    JsonObject definition =
        device.getValue("definition") instanceof JsonObject d ? d : new JsonObject();
    out.describe(
        new DeviceDescription(
            DeviceKeys.key(Zigbee2MqttConvention.ID, name),
            name,
            firstString(definition.getValue("vendor"), device.getValue("manufacturer")),
            firstString(definition.getValue("model"), device.getValue("model_id")),
            capabilities(definition.getValue("exposes")),
            Zigbee2MqttConvention.ID));
  }

  private static Set<Capability> capabilities(Object exposes) {
    Set<Capability> found = EnumSet.noneOf(Capability.class);
    collect(exposes, found);
    return found;
  }

  /** Walks exposes and their nested features; depth is bounded by the JSON parser's limit. */
  private static void collect(Object node, Set<Capability> found) {
    if (node instanceof JsonArray list) {
      list.forEach(item -> collect(item, found));
    } else if (node instanceof JsonObject expose) {
      if (expose.getValue("property") instanceof String property) {
        Zigbee2MqttFields.capabilityOf(property).ifPresent(found::add);
      }
      collect(expose.getValue("features"), found);
    }
  }

  private static String firstString(Object preferred, Object fallback) {
    if (preferred instanceof String s) {
      return s;
    }
    return fallback instanceof String s ? s : "";
  }
}
