package io.hearth.api.mqtt;

import io.hearth.runtime.spi.ModuleContext;
import java.util.Arrays;
import java.util.List;

/**
 * The broker's bounds, read once at start from {@link MqttBrokerSettings}.
 *
 * @param maxTopicLength longest topic name or filter, in characters
 * @param maxTopicLevels most levels ('/'-separated parts) in a topic
 */
public record BrokerLimits(
    int maxPacketBytes,
    int maxConnections,
    int maxSubscriptions,
    int maxInflight,
    int maxQueued,
    int maxPublishRate,
    int maxRetained,
    long maxSessionExpirySeconds,
    int maxTopicLength,
    int maxTopicLevels,
    List<String> devicePrefixes) {

  /** The limits a hub's configuration sets. */
  public static BrokerLimits from(ModuleContext hub) {
    List<String> prefixes =
        Arrays.stream(hub.config(MqttBrokerSettings.DEVICE_PREFIXES).split(","))
            .map(String::trim)
            .filter(p -> !p.isEmpty())
            .toList();
    return new BrokerLimits(
        hub.config(MqttBrokerSettings.MAX_PACKET_BYTES),
        hub.config(MqttBrokerSettings.MAX_CONNECTIONS),
        hub.config(MqttBrokerSettings.MAX_SUBSCRIPTIONS),
        hub.config(MqttBrokerSettings.MAX_INFLIGHT),
        hub.config(MqttBrokerSettings.MAX_QUEUED),
        hub.config(MqttBrokerSettings.MAX_PUBLISH_RATE),
        hub.config(MqttBrokerSettings.MAX_RETAINED),
        hub.config(MqttBrokerSettings.MAX_SESSION_EXPIRY),
        1024,
        32,
        prefixes);
  }
}
