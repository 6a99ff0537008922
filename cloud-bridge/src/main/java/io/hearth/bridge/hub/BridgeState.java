package io.hearth.bridge.hub;

import io.hearth.runtime.ops.Operations;
import io.vertx.core.json.JsonObject;

/**
 * Where the hub's link to its relay stands, reported to {@link Operations} for the owner ({@code
 * GET /api/v1/bridge}, the admin's Outside connections): connecting, connected (to which relay, as
 * which relay id, since when), reconnecting (why the link was lost and when the next attempt is),
 * or off because the owner turned watching from away off in Settings. Holds no key and no secret:
 * the relay id is derived from the hub's public key.
 */
final class BridgeState {
  static final String PART = "bridge";
  static final String TURNED_OFF = "turned off by the owner in Settings";

  private final Operations operations;
  private final String relay;
  private String relayId;
  private long connectedAt;
  private int reconnections;
  private int refused;
  private String lastRefusal;

  BridgeState(Operations operations, String relay) {
    this.operations = operations;
    this.relay = relay;
  }

  void connecting() {
    operations.report(PART, base("connecting"));
  }

  /** Watching from away is off: no link to the relay until the owner turns it on again. */
  void turnedOff() {
    connectedAt = 0;
    operations.report(
        PART,
        base("off")
            .put("away_viewing", false)
            .put("reason", TURNED_OFF)
            .put("since", System.currentTimeMillis()));
  }

  void connected(String relayId) {
    if (this.relayId != null || connectedAt > 0) {
      reconnections++;
    }
    this.relayId = relayId;
    this.connectedAt = System.currentTimeMillis();
    operations.report(PART, base("connected").put("since", connectedAt));
  }

  void lost(String why, long nextAttemptInMillis) {
    connectedAt = 0;
    operations.report(
        PART,
        base("reconnecting")
            .put("since", System.currentTimeMillis())
            .put("last_error", why)
            .put("next_attempt_at", System.currentTimeMillis() + nextAttemptInMillis));
  }

  /**
   * A viewer from the relay was refused: a handshake no paired display's key answers, or channel
   * records that do not open. A stranger's attempt, or a relay that joined another home's display
   * to this hub: the owner sees how many and the last reason.
   */
  void refused(String why) {
    refused++;
    lastRefusal = why;
    JsonObject now = operations.state(PART).orElse(base("connecting"));
    operations.report(PART, now.put("refused_viewers", refused).put("last_refusal", why));
  }

  void stopped() {
    operations.report(PART, new JsonObject().put("state", "off"));
  }

  private JsonObject base(String state) {
    JsonObject json =
        new JsonObject()
            .put("state", state)
            .put("away_viewing", true)
            .put("relay", relay)
            .put("reconnections", reconnections);
    if (relayId != null) {
      json.put("relay_id", relayId);
    }
    if (refused > 0) {
      json.put("refused_viewers", refused).put("last_refusal", lastRefusal);
    }
    return json;
  }
}
