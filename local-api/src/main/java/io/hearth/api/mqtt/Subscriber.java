package io.hearth.api.mqtt;

/** Whatever a routed message goes to: a client session or a hook inside the hub. */
interface Subscriber {
  /**
   * Takes a message matched by one of this subscriber's filters, granted at {@code qos}. {@code
   * acknowledged}: a client was (or is about to be) told the broker has it, so it must not be
   * dropped for lack of room.
   */
  void deliver(Message message, int qos, boolean acknowledged);
}
