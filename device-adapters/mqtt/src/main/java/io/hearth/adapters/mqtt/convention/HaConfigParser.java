package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Turns one (expanded) Home Assistant discovery document into an {@link HaEntity}: sensor,
 * binary_sensor, switch and light (default and JSON schema). Anything Hearth cannot read faithfully
 * (an unknown device class or unit, a templated value beyond the simple forms, a wildcard in a
 * topic) is refused with a problem saying which.
 */
final class HaConfigParser {
  private static final Set<String> CONTACT_CLASSES =
      Set.of("door", "window", "opening", "garage_door");

  private final TranslationLimits limits;

  /** An entity, or the problem that stopped it. */
  record Result(HaEntity entity, Problem problem) {}

  /** Thrown inside the parser to abandon a document with a problem. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Problem problem;

    Refused(ProblemKind kind, String detail) {
      super(detail, null, false, false);
      this.problem = new Problem(kind, detail);
    }
  }

  HaConfigParser(TranslationLimits limits) {
    this.limits = limits;
  }

  Result parse(String configTopic, String component, String objectPath, JsonObject c) {
    try {
      String key =
          DeviceKeys.key(HomeAssistantDiscoveryConvention.ID, deviceName(c, component, objectPath));
      List<HaBinding> bindings = bindings(component, key, c);
      Optional<HaEntity.Commands> commands = commands(component, c);
      return new Result(
          new HaEntity(configTopic, describe(key, c, bindings), bindings, commands), null);
    } catch (Refused r) {
      return new Result(null, r.problem);
    }
  }

  static String uniqueId(JsonObject c) {
    return c.getValue("unique_id") instanceof String s && !s.isEmpty() ? s : "";
  }

  private static String deviceName(JsonObject c, String component, String objectPath) {
    String id = uniqueId(c);
    return id.isEmpty() ? component + "/" + objectPath : id;
  }

  private List<HaBinding> bindings(String component, String key, JsonObject c) throws Refused {
    return switch (component) {
      case "sensor" -> List.of(sensor(key, c));
      case "binary_sensor" -> List.of(binarySensor(key, c));
      case "switch" -> List.of(onOff(key, c, Capability.SWITCH, "value_template", false));
      case "light" -> light(key, c);
      default -> throw new Refused(ProblemKind.UNSUPPORTED, "component " + component);
    };
  }

  private HaBinding sensor(String key, JsonObject c) throws Refused {
    Object deviceClass = c.getValue("device_class");
    Capability cap =
        HaUnits.sensorClass(deviceClass)
            .orElseThrow(
                () -> unsupported("sensor device_class " + BoundedJson.describe(deviceClass)));
    Object unit = c.getValue("unit_of_measurement");
    DoubleUnaryOperator conv =
        HaUnits.toCanonical(cap, unit)
            .orElseThrow(
                () -> unsupported("unit " + BoundedJson.describe(unit) + " for " + cap.wireName()));
    return HaBinding.number(
        key, stateTopic(c, "state_topic"), cap, template(c, "value_template"), conv);
  }

  private HaBinding binarySensor(String key, JsonObject c) throws Refused {
    Object cls = c.getValue("device_class");
    if ("motion".equals(cls)) {
      return onOff(key, c, Capability.MOTION, "value_template", false);
    }
    if ("occupancy".equals(cls) || "presence".equals(cls)) {
      return onOff(key, c, Capability.OCCUPANCY, "value_template", false);
    }
    if (cls instanceof String s && CONTACT_CLASSES.contains(s)) {
      return onOff(key, c, Capability.CONTACT, "value_template", true);
    }
    throw unsupported("binary_sensor device_class " + BoundedJson.describe(cls));
  }

  private HaBinding onOff(String key, JsonObject c, Capability cap, String tpl, boolean invert)
      throws Refused {
    String on = string(c, "state_on", string(c, "payload_on", "ON"));
    String off = string(c, "state_off", string(c, "payload_off", "OFF"));
    return HaBinding.onOff(
        key, stateTopic(c, "state_topic"), cap, template(c, tpl), on, off, invert);
  }

  private List<HaBinding> light(String key, JsonObject c) throws Refused {
    double scale = brightnessScale(c);
    DoubleUnaryOperator toPercent = b -> b * 100.0 / scale;
    if ("json".equals(c.getValue("schema"))) {
      String topic = stateTopic(c, "state_topic");
      return List.of(
          HaBinding.onOff(
              key, topic, Capability.SWITCH, HaValueTemplate.jsonKey("state"), "ON", "OFF", false),
          HaBinding.number(
              key, topic, Capability.DIMMER, HaValueTemplate.jsonKey("brightness"), toPercent));
    }
    List<HaBinding> out = new ArrayList<>();
    out.add(onOff(key, c, Capability.SWITCH, "state_value_template", false));
    if (c.containsKey("brightness_state_topic")) {
      String topic = stateTopic(c, "brightness_state_topic");
      out.add(
          HaBinding.number(
              key, topic, Capability.DIMMER, template(c, "brightness_value_template"), toPercent));
    }
    return out;
  }

  private Optional<HaEntity.Commands> commands(String component, JsonObject c) throws Refused {
    if (!"switch".equals(component) && !"light".equals(component)
        || !c.containsKey("command_topic")) {
      return Optional.empty();
    }
    String brightnessTopic =
        c.containsKey("brightness_command_topic")
            ? commandTopic(c, "brightness_command_topic")
            : "";
    Object qos = c.getValue("qos");
    return Optional.of(
        new HaEntity.Commands(
            commandTopic(c, "command_topic"),
            string(c, "payload_on", "ON"),
            string(c, "payload_off", "OFF"),
            brightnessTopic,
            brightnessScale(c),
            "json".equals(c.getValue("schema")),
            qos instanceof Integer q && q >= 0 && q <= 2 ? q : 0,
            Boolean.TRUE.equals(c.getValue("retain"))));
  }

  private static DeviceDescription describe(String key, JsonObject c, List<HaBinding> bindings) {
    JsonObject device = c.getValue("device") instanceof JsonObject d ? d : new JsonObject();
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    bindings.forEach(b -> caps.add(b.capability()));
    return new DeviceDescription(
        key,
        string(c, "name", string(device, "name", "")),
        string(device, "manufacturer", ""),
        string(device, "model", ""),
        caps,
        HomeAssistantDiscoveryConvention.ID);
  }

  private String stateTopic(JsonObject c, String name) throws Refused {
    if (!(c.getValue(name) instanceof String topic)) {
      throw new Refused(ProblemKind.WRONG_TYPE, "'" + name + "' is missing or not a string");
    }
    Optional<String> bad = Topics.check(topic, limits);
    if (bad.isPresent()) {
      throw new Refused(ProblemKind.TOPIC_INVALID, "'" + name + "': " + bad.get());
    }
    return topic;
  }

  private String commandTopic(JsonObject c, String name) throws Refused {
    String topic = stateTopic(c, name);
    if (!Topics.isSafePath(topic)) {
      throw new Refused(ProblemKind.TOPIC_INVALID, "'" + name + "' has an empty level");
    }
    return topic;
  }

  private static HaValueTemplate template(JsonObject c, String name) throws Refused {
    Object t = c.getValue(name);
    if (t != null && !(t instanceof String)) {
      throw new Refused(ProblemKind.WRONG_TYPE, "'" + name + "' is not a string");
    }
    return HaValueTemplate.parse((String) t)
        .orElseThrow(
            () ->
                unsupported(
                    "'"
                        + name
                        + "' "
                        + Texts.clip((String) t)
                        + " (only {{ value_json.x }} forms)"));
  }

  private static double brightnessScale(JsonObject c) throws Refused {
    Object scale = c.getValue("brightness_scale");
    if (scale == null) {
      return 255;
    }
    if (scale instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() <= 65535) {
      return n.doubleValue();
    }
    throw new Refused(ProblemKind.OUT_OF_RANGE, "brightness_scale " + BoundedJson.describe(scale));
  }

  private static String string(JsonObject c, String name, String fallback) {
    return c.getValue(name) instanceof String s ? s : fallback;
  }

  private static Refused unsupported(String what) {
    return new Refused(ProblemKind.UNSUPPORTED, "unsupported " + what);
  }
}
