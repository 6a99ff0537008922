package io.hearth.api.mqtt;

import io.hearth.runtime.domain.Principal;
import io.vertx.core.buffer.Buffer;

/**
 * One application message as the broker routes it: topic, payload, QoS and retain flag, who
 * published it ({@code null} for the hub itself, a last will, or a stored message), so that what a
 * message makes the hub do (a command) is audited under the member, display or automation that sent
 * it, and what MQTT 5 says must travel with it ({@link Mqtt5Extras}: the properties forwarded
 * unaltered and the expiry).
 */
public record Message(
    String topic,
    Buffer payload,
    int qos,
    boolean retain,
    Principal publisher,
    Mqtt5Extras extras) {
  public Message {
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("QoS must be 0, 1 or 2, not " + qos);
    }
    extras = extras == null ? Mqtt5Extras.NONE : extras;
  }

  /** A message published by a client or the hub, without MQTT 5 properties. */
  public Message(String topic, Buffer payload, int qos, boolean retain, Principal publisher) {
    this(topic, payload, qos, retain, publisher, Mqtt5Extras.NONE);
  }

  /** A message the hub publishes itself (or one read back from the store). */
  public Message(String topic, Buffer payload, int qos, boolean retain) {
    this(topic, payload, qos, retain, null, Mqtt5Extras.NONE);
  }

  /** The same message at a lower QoS (the subscription's grant) and with a given retain flag. */
  Message downgrade(int grantedQos, boolean retainFlag) {
    int effective = Math.min(qos, grantedQos);
    return effective == qos && retainFlag == retain
        ? this
        : new Message(topic, payload, effective, retainFlag, publisher, extras);
  }

  /** Whether its MQTT 5 message expiry interval has passed (then it is no longer sent). */
  boolean expired(long nowMillis) {
    return extras.expired(nowMillis);
  }
}
