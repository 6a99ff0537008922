package io.hearth.api;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.error.HubException;
import io.vertx.core.MultiMap;
import java.util.Set;

/** Which events a feed wants: by device, capability and kind (all optional). */
record EventFilter(String deviceId, Capability capability, String kind) {
  static final Set<String> KINDS =
      Set.of(
          DeviceEvent.STATE,
          DeviceEvent.AVAILABILITY,
          DeviceEvent.COMMAND,
          io.hearth.runtime.recording.CameraEvent.FEED_KIND);

  static EventFilter of(MultiMap query) {
    String kind = query.get("kind");
    if (kind != null && !KINDS.contains(kind)) {
      throw HubException.badRequest("kind must be one of " + KINDS);
    }
    return new EventFilter(
        query.get("device"), DevicesApi.capability(query.get("capability"), false), kind);
  }

  boolean matches(DeviceEvent event) {
    return (deviceId == null || deviceId.equals(event.deviceId()))
        && (capability == null || capability == event.capability())
        && (kind == null || kind.equals(event.kind()));
  }
}
