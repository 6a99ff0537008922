package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonArray;
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

  private static final int MAX_IDENTIFIER = 200;
  private static final int MAX_AVAILABILITY = 8;
  private static final String ID = HomeAssistantDiscoveryConvention.ID;

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
      String ownKey = DeviceKeys.key(ID, deviceName(c, component, objectPath));
      Optional<String> device = deviceIdentifier(c);
      String key = device.map(id -> DeviceKeys.key(ID, id)).orElse(ownKey);
      List<HaBinding> bindings = bindings(component, key, c);
      return new Result(
          new HaEntity(
              configTopic,
              ownKey,
              describe(key, c, bindings, device.isPresent()),
              bindings,
              availability(key, c),
              commands(component, c)),
          null);
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

  /** The HA device's first identifier: entities that share it are one device. */
  private static Optional<String> deviceIdentifier(JsonObject c) {
    if (!(c.getValue("device") instanceof JsonObject device)) {
      return Optional.empty();
    }
    Object ids = device.getValue("identifiers");
    if (ids instanceof JsonArray list && !list.isEmpty()) {
      ids = list.getValue(0);
    }
    return ids instanceof String id && !id.isBlank() && id.length() <= MAX_IDENTIFIER
        ? Optional.of(id)
        : Optional.empty();
  }

  /** The availability topics of the document, if it names any. */
  private Optional<HaAvailability> availability(String key, JsonObject c) throws Refused {
    List<HaAvailability.Source> sources = new ArrayList<>();
    if (c.getValue("availability") instanceof JsonArray list) {
      if (list.size() > MAX_AVAILABILITY) {
        throw new Refused(
            ProblemKind.LIMIT_EXCEEDED, "more than " + MAX_AVAILABILITY + " availability topics");
      }
      for (Object entry : list) {
        if (!(entry instanceof JsonObject a)) {
          throw new Refused(ProblemKind.WRONG_TYPE, "an 'availability' entry is not an object");
        }
        sources.add(source(a, "topic", "value_template"));
      }
    } else if (c.containsKey("availability_topic")) {
      sources.add(source(c, "availability_topic", "availability_template"));
    }
    if (sources.isEmpty()) {
      return Optional.empty();
    }
    String mode = string(c, "availability_mode", "latest");
    if (!Set.of("latest", "all", "any").contains(mode)) {
      throw unsupported("availability_mode " + BoundedJson.describe(mode));
    }
    return Optional.of(new HaAvailability(key, sources, mode));
  }

  private HaAvailability.Source source(JsonObject a, String topicKey, String templateKey)
      throws Refused {
    return new HaAvailability.Source(
        stateTopic(a, topicKey),
        template(a, templateKey),
        string(a, "payload_available", "online"),
        string(a, "payload_not_available", "offline"));
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

  /**
   * The device as Hearth lists it: an HA device's own name when entities are grouped by device,
   * else the entity's name.
   */
  private static DeviceDescription describe(
      String key, JsonObject c, List<HaBinding> bindings, boolean grouped) {
    JsonObject device = c.getValue("device") instanceof JsonObject d ? d : new JsonObject();
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    bindings.forEach(b -> caps.add(b.capability()));
    return new DeviceDescription(
        key,
        grouped
            ? string(device, "name", string(c, "name", ""))
            : string(c, "name", string(device, "name", "")),
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
