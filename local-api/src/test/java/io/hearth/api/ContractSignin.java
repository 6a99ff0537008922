package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/** The contract test's calls of people's sign-in routes (set-up, passwords, passkeys, sign-ins). */
final class ContractSignin {
  private static final String API = ContractTest.API;
  private static final String OWNER_PASSWORD = "correct horse battery";
  private static final String ANA_PASSWORD = "ana's long password";

  private final TestHub hub;
  private final ContractClient api;

  ContractSignin(TestHub hub, ContractClient api) {
    this.hub = hub;
    this.api = api;
  }

  void run(String member) throws Exception {
    JsonObject status = api.ok(200, "GET", API + "/signin", API + "/signin", null, null);
    assertEquals(true, status.getBoolean("setup_needed"));
    String owner = setUp();
    api.ok(
        204,
        "PUT",
        API + "/members/{id}/password",
        API + "/members/" + member + "/password",
        owner,
        new JsonObject().put("password", ANA_PASSWORD));
    String ana = passwordSignIn();
    api.ok(200, "GET", API + "/signins", API + "/signins", ana, null);
    JsonObject listed =
        api.ok(
            200,
            "GET",
            API + "/members/{id}/signins",
            API + "/members/" + member + "/signins",
            owner,
            null);
    passkeys(ana);
    memberPasskeys(owner, member);
    String anaSignin = listed.getJsonArray("signins").getJsonObject(0).getString("id");
    api.ok(204, "DELETE", API + "/signins/{id}", API + "/signins/" + anaSignin, owner, null);
    api.ok(204, "POST", API + "/signout", API + "/signout", owner, null);
  }

  private String setUp() throws Exception {
    JsonObject input = new JsonObject().put("password", OWNER_PASSWORD);
    HttpResponse<String> made =
        api.call("POST", API + "/setup", API + "/setup", hub.ownerToken, input.encode());
    assertEquals(200, made.statusCode(), made.body());
    HttpResponse<String> again =
        api.call("POST", API + "/setup", API + "/setup", hub.ownerToken, input.encode());
    assertEquals(409, again.statusCode(), again.body());
    return SigninCookieJar.token(made);
  }

  private String passwordSignIn() throws Exception {
    String path = API + "/signin/password";
    JsonObject wrong = new JsonObject().put("name", "Ana B").put("password", "not her password");
    assertEquals(401, api.call("POST", path, path, null, wrong.encode()).statusCode());
    JsonObject right = new JsonObject().put("name", "ana b").put("password", ANA_PASSWORD);
    HttpResponse<String> in = api.call("POST", path, path, null, right.encode());
    assertEquals(200, in.statusCode(), in.body());
    return SigninCookieJar.token(in);
  }

  /** The owner's view of a member's passkeys; removing one that is not there is a 404. */
  private void memberPasskeys(String owner, String member) throws Exception {
    String path = API + "/members/{id}/passkeys";
    String at = API + "/members/" + member + "/passkeys";
    api.ok(200, "GET", path, at, owner, null);
    HttpResponse<String> missing =
        api.call("DELETE", path + "/{passkey}", at + "/pky_nosuchpasskeyaaaaaaa", owner, null);
    assertEquals(404, missing.statusCode(), missing.body());
  }

  /** Options and a refused finish of both ceremonies (the Chromium test completes them). */
  private void passkeys(String ana) throws Exception {
    String path = API + "/passkeys";
    JsonObject options = api.ok(200, "POST", path + "/options", path + "/options", ana, null);
    JsonObject junk =
        new JsonObject()
            .put("challenge_id", options.getString("challenge_id"))
            .put(
                "credential",
                new JsonObject().put("client_data", "AAAA").put("attestation_object", "AAAA"));
    assertEquals(400, api.call("POST", path, path, ana, junk.encode()).statusCode());
    api.ok(200, "GET", path, path, ana, null);
    api.call("DELETE", path + "/{id}", path + "/pky_nosuchpasskeyaaaaaaa", ana, null); // 404
    String signin = API + "/signin/passkey";
    JsonObject asked = api.ok(200, "POST", signin + "/options", signin + "/options", null, null);
    JsonObject assertion =
        new JsonObject()
            .put("challenge_id", asked.getString("challenge_id"))
            .put(
                "credential",
                new JsonObject()
                    .put("id", "AAAA")
                    .put("client_data", "AAAA")
                    .put("authenticator_data", "AAAA")
                    .put("signature", "AAAA"));
    assertEquals(401, api.call("POST", signin, signin, null, assertion.encode()).statusCode());
  }
}
