package io.hearth.api.mqtt;

import io.vertx.core.buffer.Buffer;

/** One application message as the broker routes it: topic, payload, QoS and retain flag. */
public record Message(String topic, Buffer payload, int qos, boolean retain) {
  public Message {
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("QoS must be 0, 1 or 2, not " + qos);
    }
  }

  /** The same message at a lower QoS (the subscription's grant) and with a given retain flag. */
  Message downgrade(int grantedQos, boolean retainFlag) {
    int effective = Math.min(qos, grantedQos);
    return effective == qos && retainFlag == retain
        ? this
        : new Message(topic, payload, effective, retainFlag);
  }
}
