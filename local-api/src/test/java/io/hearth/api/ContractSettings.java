package io.hearth.api;

import io.vertx.core.json.JsonObject;

/** The contract test's calls about the owner's settings: read, change, and a refused change. */
final class ContractSettings {
  static final String PATH = ContractTest.API + "/settings";
  private final ContractClient api;
  private final String owner;

  ContractSettings(TestHub hub, ContractClient api) {
    this.api = api;
    this.owner = hub.ownerToken;
  }

  void run(String memberToken) throws Exception {
    api.ok(200, "GET", PATH, PATH, owner, null);
    api.ok(200, "GET", PATH, PATH, memberToken, null);
    api.ok(200, "PATCH", PATH, PATH, owner, new JsonObject().put("recording.retention-days", 14));
    api.ok(400, "PATCH", PATH, PATH, owner, new JsonObject().put("recording.retention-days", 0));
    api.ok(
        403, "PATCH", PATH, PATH, memberToken, new JsonObject().put("recording.retention-days", 2));
    api.ok(200, "PATCH", PATH, PATH, owner, new JsonObject().putNull("recording.retention-days"));
  }
}
