package io.hearth.runtime.discovery;

import io.hearth.runtime.domain.Timestamps;
import io.vertx.core.json.JsonObject;

/**
 * A claim, made by discovery, that an adopted camera now answers at another address. Anything on
 * the network can make that claim, so the camera stays where it is until the device at {@code to}
 * proves it is the same camera ({@link MoveCheck}) or the owner confirms the move.
 *
 * @param from the address the camera is confirmed at (where its feed still connects)
 * @param to the address the claim names
 * @param check {@link #CHECKING}, {@link #UNVERIFIED} or {@link #REFUSED}
 * @param reason why, in words the owner can act on (never a secret); null while checking
 * @param since when the claim was first made (epoch ms)
 */
public record Move(String from, String to, String check, String reason, long since) {
  /** The device at the new address is being asked to prove it is the camera. */
  public static final String CHECKING = "checking";

  /** Nothing could prove it: the move waits for the owner to confirm it. */
  public static final String UNVERIFIED = "unverified";

  /** The device at the new address is not the camera (or would not prove it): not followed. */
  public static final String REFUSED = "refused";

  /** The host part of {@link #to()}. */
  public String toHost() {
    return Sighting.hostOf(to);
  }

  /** The host part of {@link #from()}. */
  public String fromHost() {
    return Sighting.hostOf(from);
  }

  /** The same claim with a verdict. */
  public Move judged(String verdict, String why) {
    return new Move(from, to, verdict, why, since);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("from", from)
        .put("to", to)
        .put("check", check)
        .put("reason", reason)
        .put("since", Timestamps.iso(since));
  }

  /** Stored form (epoch ms kept exact). */
  String stored() {
    return new JsonObject()
        .put("from", from)
        .put("to", to)
        .put("check", check)
        .put("reason", reason)
        .put("since", since)
        .encode();
  }

  static Move parse(String stored) {
    if (stored == null) {
      return null;
    }
    JsonObject j = new JsonObject(stored);
    return new Move(
        j.getString("from"),
        j.getString("to"),
        j.getString("check"),
        j.getString("reason"),
        j.getLong("since", 0L));
  }
}
