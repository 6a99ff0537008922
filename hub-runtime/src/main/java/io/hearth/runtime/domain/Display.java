package io.hearth.runtime.domain;

import io.vertx.core.json.JsonObject;

/** A paired smart display (a screen in the home that shows cameras it holds grants for). */
public record Display(String id, String name, long pairedAt) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("paired_at", Timestamps.iso(pairedAt));
  }
}
