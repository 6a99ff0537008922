package io.hearth.runtime.discovery;

import io.hearth.runtime.domain.Timestamps;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * An entry of the discovery inbox: the latest sighting of one device, its state ({@code new},
 * {@code adopted}, {@code moved} or {@code ignored}) and, once adopted, the camera or device it
 * became. {@code moved} is an adopted camera that discovery claims at another address: the claim
 * ({@link #move()}) waits for proof or the owner, and the camera stays where it was meanwhile.
 */
public record Discovered(
    String id,
    Sighting sighting,
    String state,
    String adoptedId,
    long firstSeen,
    long lastSeen,
    Move move) {
  public static final String NEW = "new";
  public static final String ADOPTED = "adopted";
  public static final String MOVED = "moved";
  public static final String IGNORED = "ignored";

  /** An entry with no pending move. */
  public Discovered(
      String id, Sighting sighting, String state, String adoptedId, long firstSeen, long lastSeen) {
    this(id, sighting, state, adoptedId, firstSeen, lastSeen, null);
  }

  public String protocol() {
    return sighting.protocol();
  }

  /** Adopted, with or without a pending move. */
  public boolean adopted() {
    return ADOPTED.equals(state) || MOVED.equals(state);
  }

  /** Whether a move of this entry is a move of an adopted camera (so it must be earned). */
  boolean followsCamera() {
    return adopted() && adoptedId != null && adoptedId.startsWith("cam_");
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
        .put("move", move == null ? null : move.toJson())
        .put("first_seen", Timestamps.iso(firstSeen))
        .put("last_seen", Timestamps.iso(lastSeen));
  }
}
