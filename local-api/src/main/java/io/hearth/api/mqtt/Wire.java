package io.hearth.api.mqtt;

/** The sending half of a client connection, as a session's outbox sees it. */
interface Wire {
  /** Sends a PUBLISH; {@code packetId} is ignored at QoS 0. */
  void publish(int packetId, Message message, boolean dup);

  /** Sends a PUBREL for an outgoing QoS 2 message the client has received. */
  void release(int packetId);
}
