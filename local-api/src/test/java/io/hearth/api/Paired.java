package io.hearth.api;

import io.hearth.bridge.channel.X25519;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.Base64;

/**
 * A display paired on the home network that pinned a channel key: its token, its key pair, and what
 * the hub answered (its channel key and relay id).
 */
// The hub key array is read from the pairing answer and not shared.
@SuppressWarnings("ArrayRecordComponent")
record Paired(String token, String displayId, KeyPair keys, byte[] hubKey, String relayId) {
  static Paired pair(TestHub hub, String name, String camera, boolean remote) throws Exception {
    KeyPair keys = X25519.generate();
    String mine =
        Base64.getUrlEncoder().withoutPadding().encodeToString(X25519.raw(keys.getPublic()));
    JsonObject codes =
        ok(
            hub.post(
                "/api/v1/displays/pair",
                null,
                new JsonObject().put("name", name).put("channel_key", mine).encode()));
    ok(
        hub.post(
            "/api/v1/displays/approve",
            hub.ownerToken,
            new JsonObject()
                .put("user_code", codes.getString("user_code"))
                .put("cameras", new JsonArray().add(camera))
                .put("scopes", new JsonArray().add("live"))
                .put("remote", remote)
                .encode()));
    JsonObject token =
        ok(
            hub.post(
                "/api/v1/displays/token",
                null,
                new JsonObject().put("device_code", codes.getString("device_code")).encode()));
    JsonObject channel = token.getJsonObject("hub").getJsonObject("channel");
    return new Paired(
        token.getString("access_token"),
        token.getString("display_id"),
        keys,
        Base64.getUrlDecoder().decode(channel.getString("hub_key")),
        channel.getString("relay_id"));
  }

  private static JsonObject ok(HttpResponse<String> answer) {
    if (answer.statusCode() / 100 != 2) {
      throw new AssertionError(answer.statusCode() + " " + answer.body());
    }
    return new JsonObject(answer.body());
  }
}
