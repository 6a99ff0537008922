package io.hearth.runtime.device;

import io.hearth.runtime.domain.Timestamps;
import io.vertx.core.json.JsonObject;

/**
 * Something a device reported or was told, in the event history: a capability's new value ({@code
 * state}), the device going online or offline ({@code availability}), or a command sent to it
 * ({@code command}). Values are JSON scalars in the capability's canonical unit.
 */
public record DeviceEvent(
    long id,
    String deviceId,
    String kind,
    Capability capability,
    Object value,
    String unit,
    long at) {

  public static final String STATE = "state";
  public static final String AVAILABILITY = "availability";
  public static final String COMMAND = "command";

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("device_id", deviceId)
        .put("kind", kind)
        .put("capability", capability == null ? null : capability.wireName())
        .put("value", value)
        .put("unit", unit)
        .put("at", Timestamps.iso(at));
  }

  public static DeviceEvent fromJson(JsonObject json) {
    String capability = json.getString("capability");
    return new DeviceEvent(
        json.getLong("id"),
        json.getString("device_id"),
        json.getString("kind"),
        capability == null ? null : Capability.fromWireName(capability).orElse(null),
        json.getValue("value"),
        json.getString("unit"),
        Timestamps.millis(json.getString("at")));
  }
}
