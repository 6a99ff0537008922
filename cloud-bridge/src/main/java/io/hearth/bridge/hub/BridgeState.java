package io.hearth.bridge.hub;

import io.hearth.runtime.ops.Operations;
import io.vertx.core.json.JsonObject;

/**
 * Where the hub's link to its relay stands, reported to {@link Operations} for the owner ({@code
 * GET /api/v1/bridge}, the admin's Outside connections): connecting, connected (to which relay, as
 * which relay id, since when) or reconnecting (why the link was lost and when the next attempt is).
 * Holds no key and no secret: the relay id is derived from the hub's public key.
 */
final class BridgeState {
  static final String PART = "bridge";

  private final Operations operations;
  private final String relay;
  private String relayId;
  private long connectedAt;
  private int reconnections;

  BridgeState(Operations operations, String relay) {
    this.operations = operations;
    this.relay = relay;
    operations.report(PART, base("connecting"));
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

  void stopped() {
    operations.report(PART, new JsonObject().put("state", "off"));
  }

  private JsonObject base(String state) {
    JsonObject json =
        new JsonObject()
            .put("state", state)
            .put("relay", relay)
            .put("reconnections", reconnections);
    if (relayId != null) {
      json.put("relay_id", relayId);
    }
    return json;
  }
}
