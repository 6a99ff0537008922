package io.hearth.adapters.mqtt.convention;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Home Assistant's device-based discovery ({@code <prefix>/device/<object_id>/config}): one
 * document names the device ({@code device}, {@code origin}), shared options (a state topic,
 * availability, qos, ...) and its entities as {@code components}, each with its {@code platform}
 * ({@code sensor}, {@code light}, ...). Splits it into one ordinary document per component: the
 * shared options with the component's own on top. A component that holds nothing but its platform
 * is HA's way of removing it, and is left out.
 */
final class HaDeviceDocument {
  static final String COMPONENT = "device";
  private static final Set<String> NOT_SHARED = Set.of("components", "~");

  /** One component's document and the path it is known by ({@code <object_id>/<component id>}). */
  record Part(String platform, String objectPath, JsonObject config) {}

  private HaDeviceDocument() {}

  /** The components of an expanded device document, or a problem saying why there are none. */
  static List<Part> split(JsonObject doc, String objectPath, int max) throws Invalid {
    if (!(doc.getValue("components") instanceof JsonObject components) || components.isEmpty()) {
      throw new Invalid(ProblemKind.WRONG_TYPE, "a device document needs 'components' (cmps)");
    }
    if (components.size() > max) {
      throw new Invalid(ProblemKind.LIMIT_EXCEEDED, "more than " + max + " components");
    }
    List<Part> parts = new ArrayList<>();
    for (Map.Entry<String, Object> c : components) {
      if (!(c.getValue() instanceof JsonObject own)
          || !(own.getValue("platform") instanceof String p)) {
        throw new Invalid(
            ProblemKind.WRONG_TYPE, "component '" + Texts.clip(c.getKey()) + "' has no platform");
      }
      if (own.size() > 1) {
        parts.add(new Part(p, objectPath + "/" + c.getKey(), merged(doc, own)));
      }
    }
    return parts;
  }

  private static JsonObject merged(JsonObject doc, JsonObject own) {
    JsonObject out = new JsonObject();
    doc.forEach(
        e -> {
          if (!NOT_SHARED.contains(e.getKey())) {
            out.put(e.getKey(), e.getValue());
          }
        });
    own.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** A device document that cannot be split, with the problem to report. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Problem problem;

    Invalid(ProblemKind kind, String detail) {
      super(detail, null, false, false);
      this.problem = new Problem(kind, detail);
    }
  }
}
