package io.hearth.runtime.domain;

import io.vertx.core.json.JsonObject;

/** A camera or sensor the owner adopted; its protocol names the adapter that serves it. */
public record Device(String id, Kind kind, String name, String protocol, long createdAt) {
  /** Cameras stream video; sensors report capabilities. */
  public enum Kind {
    CAMERA,
    SENSOR;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("kind", kind.wireName())
        .put("name", name)
        .put("protocol", protocol)
        .put("created_at", createdAt);
  }
}
