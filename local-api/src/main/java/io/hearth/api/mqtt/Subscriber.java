package io.hearth.api.mqtt;

/** Whatever a routed message goes to: a client session or a hook inside the hub. */
interface Subscriber {
  /** Takes a message matched by one of this subscriber's filters, granted at {@code qos}. */
  void deliver(Message message, int qos);
}
