package io.hearth.adapters.mqtt.convention;

import java.util.List;
import java.util.Optional;

/**
 * One MQTT device convention (zigbee2mqtt, Tasmota, Home Assistant discovery, Shelly Gen2): the
 * topics to subscribe to, how to read what arrives there, and how to phrase a command.
 *
 * <p>Implementations are pure translation, with no network code, so they can be tested and fuzzed
 * alone. {@link #translate} must never throw: incoming bytes are untrusted.
 */
public interface MqttConvention {

  /** Short stable id, also the device-key prefix: {@code z2m}, {@code tasmota}, ... */
  String id();

  /** Topic filters to subscribe to now; may change as messages arrive (Home Assistant). */
  List<String> subscriptions();

  /** Translates one received message; never throws. */
  Translation translate(String topic, byte[] payload);

  /** The message that carries out the command, or empty when this convention cannot. */
  Optional<OutboundMessage> command(Command command);
}
