package io.hearth.api.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import java.util.List;

/**
 * What MQTT 5 says a broker passes on with a message (section 3.3.2.3): the properties forwarded
 * unaltered (payload format, content type, response topic, correlation data, user properties) and
 * the message expiry, kept as a deadline so a subscriber gets the time that is left and a message
 * queued past its deadline is not sent. Kept in memory: a message read back from the store after a
 * restart has none.
 */
record Mqtt5Extras(MqttProperties forwarded, long expiresAtMillis) {
  static final Mqtt5Extras NONE = new Mqtt5Extras(MqttProperties.NO_PROPERTIES, 0);

  private static final List<MqttPropertyType> FORWARDED =
      List.of(
          MqttPropertyType.PAYLOAD_FORMAT_INDICATOR,
          MqttPropertyType.CONTENT_TYPE,
          MqttPropertyType.RESPONSE_TOPIC,
          MqttPropertyType.CORRELATION_DATA,
          MqttPropertyType.USER_PROPERTY);

  /** The extras of a PUBLISH a client sent (MQTT 3.1.1 packets have no properties). */
  static Mqtt5Extras of(MqttProperties received, long nowMillis) {
    if (received == null || received.isEmpty()) {
      return NONE;
    }
    MqttProperties kept = new MqttProperties();
    for (MqttPropertyType type : FORWARDED) {
      for (MqttProperties.MqttProperty<?> p : received.getProperties(type.value())) {
        kept.add(p);
      }
    }
    MqttProperties.MqttProperty<?> expiry =
        received.getProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value());
    long deadline =
        expiry == null ? 0 : nowMillis + Integer.toUnsignedLong((Integer) expiry.value()) * 1000;
    return kept.isEmpty() && deadline == 0 ? NONE : new Mqtt5Extras(kept, deadline);
  }

  boolean expired(long nowMillis) {
    return expiresAtMillis != 0 && nowMillis >= expiresAtMillis;
  }

  /** The properties of the PUBLISH sent to a subscriber: forwarded ones and the expiry left. */
  MqttProperties toSend(long nowMillis) {
    if (expiresAtMillis == 0) {
      return forwarded;
    }
    MqttProperties out = new MqttProperties();
    forwarded.listAll().forEach(out::add);
    long left = Math.max(1, (expiresAtMillis - nowMillis + 999) / 1000);
    out.add(
        new MqttProperties.IntegerProperty(
            MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(), (int) left));
    return out;
  }
}
