package io.hearth.adapters.mqtt.convention;

import java.util.List;
import java.util.Optional;

/**
 * One Home Assistant entity learnt from a discovery document (or one component of a device
 * document): its key and description, the state topics that feed it, its availability, and how to
 * command it (absent for sensors). Entities of one HA device share the device's key ({@code
 * ha:<first identifier>}) and so become one Hearth device; {@code ownKey} ({@code ha:<unique_id>})
 * is the key it falls back to when its device already has the capability from another entity.
 */
record HaEntity(
    String configTopic,
    String ownKey,
    DeviceDescription description,
    List<HaBinding> bindings,
    Optional<HaAvailability> availability,
    Optional<Commands> commands) {

  HaEntity {
    bindings = List.copyOf(bindings);
  }

  String deviceKey() {
    return description.deviceKey();
  }

  /** The same entity under another device key (its own, when its device's key is taken). */
  HaEntity withKey(String key) {
    DeviceDescription d = description;
    return new HaEntity(
        configTopic,
        ownKey,
        new DeviceDescription(
            key, d.name(), d.manufacturer(), d.model(), d.capabilities(), d.convention()),
        bindings.stream().map(b -> b.withKey(key)).toList(),
        availability.map(a -> a.withKey(key)),
        commands);
  }

  /**
   * Where and how commands go: on/off words to {@code topic}, brightness (scaled to {@code
   * brightnessScale}) to {@code brightnessTopic}, or, for the JSON light schema, one JSON document
   * to {@code topic}.
   */
  record Commands(
      String topic,
      String payloadOn,
      String payloadOff,
      String brightnessTopic,
      double brightnessScale,
      boolean json,
      int qos,
      boolean retain) {}
}
