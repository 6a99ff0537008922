package io.hearth.runtime.device;

import io.hearth.runtime.domain.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A sensor or actuator: its protocol (the adapter that serves it), its address within that protocol
 * ({@code z2m:kitchen_sensor}, {@code coap://10.0.0.7:5683}), its capabilities, and what the device
 * says about it that the hub keeps as given ({@code attributes}: a CoAP resource's {@code rt},
 * {@code if} and {@code title}), so a reading the hub cannot classify still has a meaning.
 */
public record SensorDevice(
    String id,
    String name,
    String protocol,
    String address,
    Set<Capability> capabilities,
    long createdAt,
    Map<String, String> attributes) {

  public SensorDevice {
    capabilities = Set.copyOf(capabilities);
    attributes = Map.copyOf(attributes);
  }

  /** A device without attributes. */
  public SensorDevice(
      String id,
      String name,
      String protocol,
      String address,
      Set<Capability> capabilities,
      long createdAt) {
    this(id, name, protocol, address, capabilities, createdAt, Map.of());
  }

  /** The same device with these capabilities. */
  public SensorDevice withCapabilities(Set<Capability> all) {
    return new SensorDevice(id, name, protocol, address, all, createdAt, attributes);
  }

  /** The same device with these attributes. */
  public SensorDevice withAttributes(Map<String, String> given) {
    return new SensorDevice(id, name, protocol, address, capabilities, createdAt, given);
  }

  public JsonObject toJson() {
    JsonArray caps = new JsonArray();
    capabilities.stream().sorted().forEach(c -> caps.add(c.wireName()));
    JsonObject attrs = new JsonObject();
    new TreeMap<>(attributes).forEach(attrs::put);
    return new JsonObject()
        .put("id", id)
        .put("kind", "sensor")
        .put("name", name)
        .put("protocol", protocol)
        .put("address", address)
        .put("capabilities", caps)
        .put("attributes", attrs)
        .put("created_at", Timestamps.iso(createdAt));
  }
}
