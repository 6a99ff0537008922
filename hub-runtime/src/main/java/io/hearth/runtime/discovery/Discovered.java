package io.hearth.runtime.discovery;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * An entry of the discovery inbox: the latest sighting of one device, its state ({@code new},
 * {@code adopted} or {@code ignored}) and, once adopted, the camera or device it became.
 */
public record Discovered(
    String id, Sighting sighting, String state, String adoptedId, long firstSeen, long lastSeen) {
  public static final String NEW = "new";
  public static final String ADOPTED = "adopted";
  public static final String IGNORED = "ignored";

  public String protocol() {
    return sighting.protocol();
  }

  public JsonObject toJson() {
    JsonObject details = new JsonObject();
    for (Map.Entry<String, String> e : sighting.details().entrySet()) {
      details.put(e.getKey(), e.getValue());
    }
    return new JsonObject()
        .put("id", id)
        .put("protocol", sighting.protocol())
        .put("identity", sighting.identity())
        .put("kind", sighting.kind())
        .put("name", sighting.name())
        .put("address", sighting.address())
        .put("details", details)
        .put("adoptable", sighting.adoptable())
        .put("state", state)
        .put("adopted_id", adoptedId)
        .put("first_seen", Instant.ofEpochMilli(firstSeen).toString())
        .put("last_seen", Instant.ofEpochMilli(lastSeen).toString());
  }
}
