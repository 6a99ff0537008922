package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tasmota with its default full topic {@code %prefix%/%topic%/}: telemetry on {@code
 * tele/<topic>/SENSOR}, {@code STATE} and {@code LWT}, command results on {@code
 * stat/<topic>/POWER[n]} and {@code RESULT}, commands to {@code cmnd/<topic>/POWER[n]} and {@code
 * cmnd/<topic>/Dimmer}. A customised FullTopic (another order of prefix and topic) is not
 * supported. Tasmota's own discovery ({@code tasmota/discovery/...}) is not read: devices are known
 * from their first telemetry.
 */
public final class TasmotaConvention extends BaseConvention {
  public static final String ID = "tasmota";

  public TasmotaConvention() {
    this(TranslationLimits.DEFAULTS);
  }

  public TasmotaConvention(TranslationLimits limits) {
    super(limits);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> subscriptions() {
    return List.of("tele/+/+", "stat/+/+");
  }

  static String key(String topic, int relay) {
    return DeviceKeys.key(ID, topic, relay, 1);
  }

  @Override
  protected Translation doTranslate(String topic, byte[] payload) {
    List<String> levels = Topics.levels(topic);
    if (levels.size() != 3 || levels.get(1).isEmpty()) {
      return Translation.notMine();
    }
    String device = levels.get(1);
    String suffix = levels.get(2);
    return switch (levels.get(0)) {
      case "tele" -> telemetry(device, suffix, payload);
      case "stat" -> status(device, suffix, payload);
      default -> Translation.notMine();
    };
  }

  private Translation telemetry(String device, String suffix, byte[] payload) {
    return switch (suffix) {
      case "SENSOR" -> json(device, payload, false);
      case "STATE" -> json(device, payload, true);
      case "LWT" ->
          word(key(device, 1), "LWT", Capability.AVAILABILITY, "Online", "Offline", payload);
      default -> Translation.ignored(key(device, 1));
    };
  }

  private Translation status(String device, String suffix, byte[] payload) {
    if ("RESULT".equals(suffix)) {
      return json(device, payload, true);
    }
    if ("POWER".equals(suffix)) {
      return word(key(device, 1), suffix, Capability.SWITCH, "ON", "OFF", payload);
    }
    int relay = relayNumber(suffix);
    if (relay > 0) {
      return word(key(device, relay), suffix, Capability.SWITCH, "ON", "OFF", payload);
    }
    return Translation.ignored(key(device, 1));
  }

  /** 1..8 for POWER1..POWER8, else 0. */
  private static int relayNumber(String suffix) {
    for (int relay = 1; relay <= TasmotaPayloads.MAX_RELAYS; relay++) {
      if (suffix.equals("POWER" + relay)) {
        return relay;
      }
    }
    return 0;
  }

  private Translation json(String device, byte[] payload, boolean powerState) {
    String key = key(device, 1);
    Parsed<JsonObject> parsed = jsonObject(key, payload);
    if (!parsed.ok()) {
      return parsed.error();
    }
    ReadingCollector out = new ReadingCollector(key);
    if (powerState) {
      TasmotaPayloads.power(parsed.value(), device, out);
    } else {
      TasmotaPayloads.sensor(parsed.value(), device, out);
    }
    return out.build();
  }

  private Translation word(
      String key, String field, Capability cap, String on, String off, byte[] payload) {
    Parsed<String> text = text(key, payload);
    if (!text.ok()) {
      return text.error();
    }
    ReadingCollector out = new ReadingCollector(key);
    out.onOff(cap, field, text.value(), on, off);
    return out.build();
  }

  @Override
  public Optional<OutboundMessage> command(Command command) {
    return DeviceKeys.parse(ID, command.deviceKey())
        .filter(p -> Topics.isSafeLevel(p.name()))
        .filter(p -> p.channelOr(1) >= 1 && p.channelOr(1) <= TasmotaPayloads.MAX_RELAYS)
        .flatMap(p -> message(p.name(), p.channel(), command));
  }

  private static Optional<OutboundMessage> message(String device, int channel, Command command) {
    String power = channel < 0 ? "POWER" : "POWER" + channel;
    Optional<OutboundMessage> onOff =
        CommandValues.switchOn(command)
            .map(on -> OutboundMessage.text("cmnd/" + device + "/" + power, on ? "ON" : "OFF", 1));
    if (onOff.isPresent() || channel > 1) {
      return onOff;
    }
    return CommandValues.dimmerPercent(command)
        .map(
            pct ->
                OutboundMessage.text(
                    "cmnd/" + device + "/Dimmer",
                    String.format(Locale.ROOT, "%d", Math.round(pct)),
                    1));
  }
}
