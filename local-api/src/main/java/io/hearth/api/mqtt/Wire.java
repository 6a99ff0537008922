package io.hearth.api.mqtt;

/**
 * The sending half of a client connection, as a session's outbox sees it, with the client's access:
 * the outbox sends a message only while the client's last access check provably holds and it may
 * read that message's topic.
 */
interface Wire {
  /** Sends a PUBLISH; {@code packetId} is ignored at QoS 0. */
  void publish(int packetId, Message message, boolean dup);

  /** Sends a PUBREL for an outgoing QoS 2 message the client has received. */
  void release(int packetId);

  /** Whether the client's last access check still holds, so messages can be judged now. */
  boolean ready();

  /** Whether the client may receive a message on this topic; asked only while {@link #ready()}. */
  boolean mayRead(String topic);

  /** Runs once the client is ready again, on the broker's context; never if access ends. */
  void whenReady(Runnable then);
}
