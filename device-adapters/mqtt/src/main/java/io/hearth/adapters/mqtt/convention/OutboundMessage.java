package io.hearth.adapters.mqtt.convention;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An MQTT message to publish: topic, payload, QoS and retain flag. Immutable: the payload is copied
 * in and out, so a caller cannot change a message another part of the hub holds.
 */
public final class OutboundMessage {
  private final String topic;
  private final byte[] payload;
  private final int qos;
  private final boolean retain;

  public OutboundMessage(String topic, byte[] payload, int qos, boolean retain) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.payload = Objects.requireNonNull(payload, "payload").clone();
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("qos must be 0, 1 or 2, got " + qos);
    }
    this.qos = qos;
    this.retain = retain;
  }

  /** A non-retained message with a UTF-8 text payload. */
  public static OutboundMessage text(String topic, String payload, int qos) {
    return new OutboundMessage(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false);
  }

  public String topic() {
    return topic;
  }

  public byte[] payload() {
    return payload.clone();
  }

  /** The payload decoded as UTF-8, for logs and tests. */
  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  public int qos() {
    return qos;
  }

  public boolean retain() {
    return retain;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutboundMessage m
        && topic.equals(m.topic)
        && Arrays.equals(payload, m.payload)
        && qos == m.qos
        && retain == m.retain;
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, Arrays.hashCode(payload), qos, retain);
  }

  @Override
  public String toString() {
    return "OutboundMessage["
        + topic
        + " qos="
        + qos
        + " retain="
        + retain
        + " "
        + payloadText()
        + "]";
  }
}
