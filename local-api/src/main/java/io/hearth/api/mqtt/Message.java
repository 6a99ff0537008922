package io.hearth.api.mqtt;

import io.hearth.runtime.domain.Principal;
import io.vertx.core.buffer.Buffer;

/**
 * One application message as the broker routes it: topic, payload, QoS and retain flag, and who
 * published it ({@code null} for the hub itself, a last will, or a stored message), so that what a
 * message makes the hub do (a command) is audited under the member, display or automation that sent
 * it.
 */
public record Message(String topic, Buffer payload, int qos, boolean retain, Principal publisher) {
  public Message {
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("QoS must be 0, 1 or 2, not " + qos);
    }
  }

  /** A message the hub publishes itself (or one read back from the store). */
  public Message(String topic, Buffer payload, int qos, boolean retain) {
    this(topic, payload, qos, retain, null);
  }

  /** The same message at a lower QoS (the subscription's grant) and with a given retain flag. */
  Message downgrade(int grantedQos, boolean retainFlag) {
    int effective = Math.min(qos, grantedQos);
    return effective == qos && retainFlag == retain
        ? this
        : new Message(topic, payload, effective, retainFlag, publisher);
  }
}
