package io.hearth.runtime.device;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A sensor or actuator: its protocol (the adapter that serves it), its address within that protocol
 * ({@code z2m:kitchen_sensor}, {@code coap://10.0.0.7:5683}), and its capabilities.
 */
public record SensorDevice(
    String id,
    String name,
    String protocol,
    String address,
    Set<Capability> capabilities,
    long createdAt) {

  public SensorDevice {
    capabilities = Set.copyOf(capabilities);
  }

  public JsonObject toJson() {
    JsonArray caps = new JsonArray();
    capabilities.stream().sorted().forEach(c -> caps.add(c.wireName()));
    return new JsonObject()
        .put("id", id)
        .put("kind", "sensor")
        .put("name", name)
        .put("protocol", protocol)
        .put("address", address)
        .put("capabilities", caps)
        .put("created_at", createdAt);
  }
}
