package io.hearth.runtime.domain;

import io.vertx.core.json.JsonObject;

/** The one home a hub serves. */
public record Home(String id, String name, long createdAt) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("created_at", Timestamps.iso(createdAt));
  }
}
