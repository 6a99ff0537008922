package io.hearth.adapters.mqtt.convention;

import java.util.List;
import java.util.Optional;

/**
 * One Home Assistant entity learnt from a discovery document: its key and description, the state
 * topics that feed it, and how to command it (absent for sensors).
 */
record HaEntity(
    String configTopic,
    DeviceDescription description,
    List<HaBinding> bindings,
    Optional<Commands> commands) {

  HaEntity {
    bindings = List.copyOf(bindings);
  }

  String deviceKey() {
    return description.deviceKey();
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
