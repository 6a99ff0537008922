package io.hearth.runtime.domain;

import io.vertx.core.json.JsonObject;

/** A person of the home, with a role. */
public record Member(String id, String name, Role role, long createdAt) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("role", role.wireName())
        .put("created_at", Timestamps.iso(createdAt));
  }
}
