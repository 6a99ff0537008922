package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * zigbee2mqtt: device state as JSON on {@code <base>/<friendly_name>}, availability on {@code
 * <base>/<friendly_name>/availability}, the device list on {@code <base>/bridge/devices}, and
 * commands to {@code <base>/<friendly_name>/set}.
 *
 * <p>Friendly names may contain slashes (zigbee2mqtt uses them for grouping), so the name is
 * everything between the base topic and a known suffix. Our own {@code /set} and {@code /get}
 * messages come back through the {@code #} subscription and are ignored, as are the other bridge
 * topics.
 */
public final class Zigbee2MqttConvention extends BaseConvention {
  public static final String ID = "z2m";
  public static final String DEFAULT_BASE_TOPIC = "zigbee2mqtt";

  private final String base;

  public Zigbee2MqttConvention() {
    this(DEFAULT_BASE_TOPIC, TranslationLimits.DEFAULTS);
  }

  public Zigbee2MqttConvention(String baseTopic, TranslationLimits limits) {
    super(limits);
    if (!Topics.isSafePath(baseTopic)) {
      throw new IllegalArgumentException("unusable zigbee2mqtt base topic: " + baseTopic);
    }
    this.base = baseTopic;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> subscriptions() {
    return List.of(base + "/#");
  }

  @Override
  protected Translation doTranslate(String topic, byte[] payload) {
    if (!topic.startsWith(base + "/") || topic.length() == base.length() + 1) {
      return Translation.notMine();
    }
    String rest = topic.substring(base.length() + 1);
    if (rest.equals("bridge/devices")) {
      return new Zigbee2MqttInventory(this::json).translate(topic, payload, limits);
    }
    if (rest.equals("bridge") || rest.startsWith("bridge/") || isOwnRequest(rest)) {
      return Translation.ignored(Texts.clip(topic));
    }
    if (rest.endsWith("/availability")) {
      return availability(rest.substring(0, rest.length() - "/availability".length()), payload);
    }
    return state(rest, payload);
  }

  private static boolean isOwnRequest(String rest) {
    return rest.endsWith("/set") || rest.endsWith("/get") || rest.contains("/set/");
  }

  private Translation state(String name, byte[] payload) {
    String key = DeviceKeys.key(ID, name);
    Parsed<JsonObject> parsed = jsonObject(key, payload);
    if (!parsed.ok()) {
      return parsed.error();
    }
    ReadingCollector out = new ReadingCollector(key);
    Zigbee2MqttFields.collect(parsed.value(), out);
    return out.build();
  }

  /** Legacy text {@code online}/{@code offline}, or JSON {@code {"state":"online"}} (1.33+). */
  private Translation availability(String name, byte[] payload) {
    String key = DeviceKeys.key(ID, name);
    Parsed<String> text = text(key, payload);
    if (!text.ok()) {
      return text.error();
    }
    Object state = text.value();
    if (text.value().startsWith("{")) {
      Parsed<JsonObject> parsed = jsonObject(key, payload);
      if (!parsed.ok()) {
        return parsed.error();
      }
      state = parsed.value().getValue("state");
    }
    ReadingCollector out = new ReadingCollector(key);
    out.onOff(Capability.AVAILABILITY, "state", state, "online", "offline");
    return out.build();
  }

  @Override
  public Optional<OutboundMessage> command(Command command) {
    return DeviceKeys.parse(ID, command.deviceKey())
        .filter(parts -> parts.channel() < 0 && Topics.isSafePath(parts.name()))
        .flatMap(parts -> setPayload(command).map(p -> set(parts.name(), p)));
  }

  private static Optional<JsonObject> setPayload(Command command) {
    Optional<JsonObject> onOff =
        CommandValues.switchOn(command).map(on -> new JsonObject().put("state", on ? "ON" : "OFF"));
    if (onOff.isPresent()) {
      return onOff;
    }
    return CommandValues.dimmerPercent(command)
        .map(
            pct ->
                new JsonObject()
                    .put("brightness", CommandValues.scale(pct, Zigbee2MqttFields.MAX_BRIGHTNESS)));
  }

  private OutboundMessage set(String name, JsonObject body) {
    return OutboundMessage.text(base + "/" + name + "/set", body.encode(), 1);
  }
}
