package io.hearth.adapters.mqtt.convention;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** Phrases a SWITCH or DIMMER command for a Home Assistant switch or light. */
final class HaCommands {
  private HaCommands() {}

  static Optional<OutboundMessage> message(HaEntity.Commands spec, Command command) {
    Optional<Boolean> on = CommandValues.switchOn(command);
    if (on.isPresent()) {
      String body =
          spec.json()
              ? new JsonObject().put("state", on.get() ? "ON" : "OFF").encode()
              : on.get() ? spec.payloadOn() : spec.payloadOff();
      return Optional.of(send(spec, spec.topic(), body));
    }
    return CommandValues.dimmerPercent(command).flatMap(pct -> brightness(spec, pct));
  }

  private static Optional<OutboundMessage> brightness(HaEntity.Commands spec, double percent) {
    long level = CommandValues.scale(percent, spec.brightnessScale());
    if (spec.json()) {
      String body = new JsonObject().put("state", "ON").put("brightness", level).encode();
      return Optional.of(send(spec, spec.topic(), body));
    }
    if (spec.brightnessTopic().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(send(spec, spec.brightnessTopic(), Long.toString(level)));
  }

  private static OutboundMessage send(HaEntity.Commands spec, String topic, String body) {
    return new OutboundMessage(
        topic, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), spec.qos(), spec.retain());
  }
}
