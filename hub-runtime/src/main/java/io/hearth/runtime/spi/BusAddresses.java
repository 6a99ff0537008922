package io.hearth.runtime.spi;

/**
 * The event-bus addresses and headers that carry messages between modules, in one place: a module
 * that sends names the constant its peer consumes, never a string of its own. All are local to the
 * hub (never clustered).
 */
public final class BusAddresses {
  /**
   * MQTT adapter → broker: publish this message on the hub's broker. Headers: topic, qos, retain.
   */
  public static final String MQTT_IN = "hearth.mqtt.in";

  /** Broker → MQTT adapter: a message published on the hub's broker. Header: topic. */
  public static final String MQTT_OUT = "hearth.mqtt.out";

  /** MQTT adapter → broker: this topic is the device's (headers topic, device). */
  public static final String MQTT_OWNER = "hearth.mqtt.owner";

  /** Local API → CoAP adapter: adopt the CoAP device at this address (request / reply). */
  public static final String COAP_ADD = "hearth.coap.add";

  /** Header: an MQTT topic. */
  public static final String TOPIC = "topic";

  /** Header: an MQTT quality of service, 0 to 2. */
  public static final String QOS = "qos";

  /** Header: whether an MQTT message is retained, true or false. */
  public static final String RETAIN = "retain";

  /** Header: a device id. */
  public static final String DEVICE = "device";

  private BusAddresses() {}
}
