package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shelly Gen2 (Plus and Pro) devices over MQTT: component status on {@code
 * <prefix>/status/<component>}, changes as {@code NotifyStatus} on {@code <prefix>/events/rpc},
 * availability on {@code <prefix>/online}, and commands as JSON-RPC requests on {@code
 * <prefix>/rpc}. The prefix is the device's MQTT topic prefix (by default its id, such as {@code
 * shellyplus1pm-a8032ab12345}) and must be one topic level.
 *
 * <p>Channels: a component's id is its channel; {@code switch:0} is the plain key and {@code
 * switch:1} is {@code shelly:<prefix>#1}. Replies to our requests go to {@code <src>/rpc}, which is
 * not subscribed.
 */
public final class ShellyGen2Convention extends BaseConvention {
  public static final String ID = "shelly";
  public static final String DEFAULT_RPC_SOURCE = "hearth";

  private final String rpcSource;
  private final AtomicInteger nextRequestId = new AtomicInteger(1);

  public ShellyGen2Convention() {
    this(DEFAULT_RPC_SOURCE, TranslationLimits.DEFAULTS);
  }

  public ShellyGen2Convention(String rpcSource, TranslationLimits limits) {
    super(limits);
    if (!Topics.isSafeLevel(rpcSource)) {
      throw new IllegalArgumentException("unusable RPC source: " + rpcSource);
    }
    this.rpcSource = rpcSource;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> subscriptions() {
    return List.of("+/online", "+/status/+", "+/events/rpc");
  }

  static String key(String prefix, int channel) {
    return DeviceKeys.key(ID, prefix, channel, 0);
  }

  @Override
  protected Translation doTranslate(String topic, byte[] payload) {
    List<String> levels = Topics.levels(topic);
    String prefix = levels.get(0);
    if (prefix.isEmpty()) {
      return Translation.notMine();
    }
    if (levels.size() == 2 && "online".equals(levels.get(1))) {
      return online(prefix, payload);
    }
    if (levels.size() == 3 && "status".equals(levels.get(1))) {
      return status(prefix, levels.get(2), payload);
    }
    if (levels.size() == 3 && "events".equals(levels.get(1)) && "rpc".equals(levels.get(2))) {
      return event(prefix, payload);
    }
    return Translation.notMine();
  }

  private Translation online(String prefix, byte[] payload) {
    Parsed<String> text = text(key(prefix, 0), payload);
    if (!text.ok()) {
      return text.error();
    }
    ReadingCollector out = new ReadingCollector(key(prefix, 0));
    out.onOff(Capability.AVAILABILITY, "online", text.value(), "true", "false");
    return out.build();
  }

  private Translation status(String prefix, String component, byte[] payload) {
    Optional<ShellyComponents.Name> name =
        ShellyComponents.Name.parse(component).filter(n -> ShellyComponents.isKnown(n.type()));
    if (name.isEmpty()) {
      return Translation.ignored(key(prefix, 0));
    }
    String key = key(prefix, name.get().id());
    Parsed<JsonObject> parsed = jsonObject(key, payload);
    if (!parsed.ok()) {
      return parsed.error();
    }
    ReadingCollector out = new ReadingCollector(key);
    ShellyComponents.read(name.get(), parsed.value(), out);
    return out.build();
  }

  private Translation event(String prefix, byte[] payload) {
    String key = key(prefix, 0);
    Parsed<JsonObject> parsed = jsonObject(key, payload);
    if (!parsed.ok()) {
      return parsed.error();
    }
    Object method = parsed.value().getValue("method");
    if (!"NotifyStatus".equals(method) && !"NotifyFullStatus".equals(method)) {
      return Translation.ignored(key);
    }
    if (!(parsed.value().getValue("params") instanceof JsonObject params)) {
      return Translation.rejected(key, ProblemKind.WRONG_TYPE, "'params' should be an object");
    }
    ReadingCollector out = new ReadingCollector(key);
    for (Map.Entry<String, Object> e : params) {
      Optional<ShellyComponents.Name> name = ShellyComponents.Name.parse(e.getKey());
      if (name.isPresent() && e.getValue() instanceof JsonObject status) {
        ShellyComponents.read(name.get(), status, out.forKey(key(prefix, name.get().id())));
      }
    }
    return out.build();
  }

  @Override
  public Optional<OutboundMessage> command(Command command) {
    return DeviceKeys.parse(ID, command.deviceKey())
        .filter(p -> Topics.isSafeLevel(p.name()))
        .flatMap(p -> request(command, p.channelOr(0)).map(body -> rpc(p.name(), body)));
  }

  private Optional<JsonObject> request(Command command, int channel) {
    Optional<JsonObject> onOff =
        CommandValues.switchOn(command)
            .map(on -> call("Switch.Set", new JsonObject().put("id", channel).put("on", on)));
    if (onOff.isPresent()) {
      return onOff;
    }
    return CommandValues.dimmerPercent(command)
        .map(
            pct ->
                call(
                    "Light.Set",
                    new JsonObject().put("id", channel).put("brightness", Math.round(pct))));
  }

  private JsonObject call(String method, JsonObject params) {
    int id = nextRequestId.getAndUpdate(i -> i == Integer.MAX_VALUE ? 1 : i + 1);
    return new JsonObject()
        .put("id", id)
        .put("src", rpcSource)
        .put("method", method)
        .put("params", params);
  }

  private static OutboundMessage rpc(String prefix, JsonObject body) {
    return OutboundMessage.text(prefix + "/rpc", body.encode(), 1);
  }
}
