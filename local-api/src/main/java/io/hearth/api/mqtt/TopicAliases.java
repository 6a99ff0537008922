package io.hearth.api.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

/**
 * MQTT 5 topic aliases a client sets on its PUBLISH packets (section 3.3.2.3.4), for one
 * connection: up to {@link #MAXIMUM} (announced in CONNACK, as mosquitto's default), forgotten when
 * the connection ends. A PUBLISH with an alias and a topic sets the alias; one with an alias and an
 * empty topic uses it.
 */
final class TopicAliases {
  /** The Topic Alias Maximum the broker announces (mosquitto's default is also 10). */
  static final int MAXIMUM = 10;

  /** The topic a PUBLISH is for, or why its alias is wrong (the connection then ends). */
  record Resolved(String topic, String error) {}

  private final String[] topics = new String[MAXIMUM + 1];

  Resolved resolve(String topic, MqttProperties properties) {
    MqttProperties.MqttProperty<?> alias =
        properties == null ? null : properties.getProperty(MqttPropertyType.TOPIC_ALIAS.value());
    if (alias == null) {
      return new Resolved(topic, null);
    }
    int id = (Integer) alias.value();
    if (id < 1 || id > MAXIMUM) {
      return new Resolved(topic, "topic alias " + id + " is outside 1.." + MAXIMUM);
    }
    if (topic != null && !topic.isEmpty()) {
      topics[id] = topic;
      return new Resolved(topic, null);
    }
    if (topics[id] == null) {
      return new Resolved(topic, "topic alias " + id + " was never set");
    }
    return new Resolved(topics[id], null);
  }
}
