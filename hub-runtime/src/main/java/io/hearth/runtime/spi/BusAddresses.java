package io.hearth.runtime.spi;

/**
 * The event-bus addresses and headers that carry messages between modules, in one place: a module
 * that sends names the constant its peer consumes, never a string of its own. All are local to the
 * hub (never clustered).
 */
public final class BusAddresses {
  /** Broker → MQTT adapter: a message a client published on the hub's broker. Header: topic. */
  public static final String MQTT_IN = "hearth.mqtt.in";

  /**
   * MQTT adapter → broker: publish this message on the hub's broker. Headers: topic, qos, retain.
   */
  public static final String MQTT_OUT = "hearth.mqtt.out";

  /**
   * Local API → MQTT adapter: publish this message on the external broker (api.mqtt.mode external).
   * Headers: topic, qos, retain. Replies once the broker has it; fails while the broker is not
   * connected.
   */
  public static final String MQTT_EXTERNAL_PUBLISH = "hearth.mqtt.external.publish";

  /**
   * Local API → MQTT adapter: keep this topic filter (the body) subscribed on the external broker
   * and hand what arrives on it to {@link #MQTT_EXTERNAL_IN}. Replies once registered.
   */
  public static final String MQTT_EXTERNAL_SUBSCRIBE = "hearth.mqtt.external.subscribe";

  /** MQTT adapter → local API: a message on a filter it asked for. Header: topic. */
  public static final String MQTT_EXTERNAL_IN = "hearth.mqtt.external.in";

  /** MQTT adapter → anyone: the external broker is connected (again); what it holds may be old. */
  public static final String MQTT_EXTERNAL_UP = "hearth.mqtt.external.up";

  /**
   * The hub's own availability topic, {@code online} while it runs: on the hub's broker, and on an
   * external broker, where {@code offline} (retained) is the MQTT adapter's last will.
   */
  public static final String HUB_STATUS_TOPIC = "hearth/status";

  /** MQTT adapter → broker: this topic is the device's (headers topic, device). */
  public static final String MQTT_OWNER = "hearth.mqtt.owner";

  /**
   * Local API → adapters: the owner removed this sensor (body: JSON {@code id}, {@code address},
   * {@code protocol}); its adapter forgets it, and the hub's MQTT topics for it are cleared.
   */
  public static final String DEVICE_REMOVED = "hearth.device.removed";

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
