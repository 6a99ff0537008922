package io.hearth.api;

import io.hearth.api.signin.Challenges;
import io.hearth.api.signin.WebAuthn;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Passkey;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Passkeys (WebAuthn, the hub as relying party on the origin the page came from, rpId its host):
 * {@code POST /signin/passkey/options} and {@code POST /signin/passkey} sign in (public); {@code
 * GET /passkeys}, {@code POST /passkeys/options}, {@code POST /passkeys} and {@code DELETE
 * /passkeys/{id}} manage a member's own. Challenges stay on the hub, single use, five minutes. A
 * sign-in remembers the passkey that opened it, and removing the passkey ends that sign-in (unless
 * it is the one removing it).
 */
final class PasskeysApi {
  private static final String PATH = ApiRouter.API + "/passkeys";
  private static final String SIGNIN = SigninApi.SIGNIN + "/passkey";
  private static final Set<String> ASSERTION =
      Set.of("id", "client_data", "authenticator_data", "signature", "user_handle");

  private final SigninKit kit;

  PasskeysApi(SigninKit kit) {
    this.kit = kit;
  }

  void mountPublic(Router router) {
    router.post(SIGNIN + "/options").handler(Reply.of(this::signinOptions));
    router.post(SIGNIN).handler(Reply.of(this::signIn));
  }

  void mount(Router router) {
    router.get(PATH).handler(Reply.of(this::list));
    router.post(PATH + "/options").handler(Reply.of(this::registerOptions));
    router.post(PATH).handler(Reply.of(this::register));
    router.delete(PATH + "/:id").handler(Reply.of(this::delete));
  }

  private Future<Reply> signinOptions(RoutingContext ctx) {
    SigninCookies.requireSameOrigin(ctx);
    kit.requireSecureTransport(ctx);
    kit.requireNotThrottled(ctx, null);
    Challenges.Challenge c =
        kit.challenges.issue("signin", null, ctx.request().remoteAddress().hostAddress());
    JsonObject options =
        new JsonObject()
            .put("challenge", WebAuthn.encode(c.bytes()))
            .put("rpId", SigninKit.rpId(ctx))
            .put("timeout", Challenges.TTL_MS)
            .put("userVerification", "required");
    return Future.succeededFuture(Reply.ok(answer(c, options)));
  }

  private Future<Reply> signIn(RoutingContext ctx) {
    SigninCookies.requireSameOrigin(ctx);
    kit.requireSecureTransport(ctx);
    kit.requireNotThrottled(ctx, null);
    JsonBody body = JsonBody.of(ctx, Set.of("challenge_id", "credential"));
    Challenges.Challenge c = challenge(body, "signin", null);
    WebAuthn.Assertion assertion = assertion(body.requiredObject("credential"));
    return kit.hub
        .credentials()
        .passkeyByCredentialId(assertion.credentialId())
        .compose(
            found -> {
              Passkey key = found.orElse(null);
              if (key == null || !handleMatches(assertion, key)) {
                kit.failed(ctx, null, null, "unknown passkey");
                throw HubException.unauthorized(
                    "unknown_passkey",
                    "this passkey is not registered with this hub; sign in with your password and"
                        + " add it");
              }
              return verified(ctx, c, assertion, key);
            });
  }

  private Future<Reply> verified(
      RoutingContext ctx, Challenges.Challenge c, WebAuthn.Assertion assertion, Passkey key) {
    long count;
    try {
      count =
          kit.webauthn.authenticate(
              SigninCookies.ownOrigin(ctx),
              SigninKit.rpId(ctx),
              c.bytes(),
              assertion,
              new WebAuthn.Stored(key.credentialData(), key.signCount()));
    } catch (HubException e) {
      kit.failed(ctx, null, key.memberId(), "passkey check failed");
      throw e;
    }
    return kit.hub
        .credentials()
        .passkeyUsed(key.id(), count)
        .compose(v -> kit.hub.members().get(key.memberId()))
        .compose(member -> kit.signIn(ctx, member, "passkey", key.id()));
  }

  private static boolean handleMatches(WebAuthn.Assertion assertion, Passkey key) {
    return assertion.userHandle() == null
        || java.security.MessageDigest.isEqual(
            assertion.userHandle(), key.memberId().getBytes(StandardCharsets.UTF_8));
  }

  private Future<Reply> list(RoutingContext ctx) {
    Principal me = SigninKit.member(ctx);
    return kit.hub.credentials().passkeys(me.id()).map(MemberPasskeysApi::listed);
  }

  private Future<Reply> registerOptions(RoutingContext ctx) {
    Principal me = SigninKit.member(ctx);
    kit.requireSecureTransport(ctx);
    String rpId = SigninKit.rpId(ctx);
    return kit.hub
        .credentials()
        .passkeys(me.id())
        .map(
            existing -> {
              Challenges.Challenge c = kit.challenges.issue("register", me.id());
              JsonArray exclude = new JsonArray();
              existing.forEach(
                  k ->
                      exclude.add(
                          new JsonObject()
                              .put("type", "public-key")
                              .put("id", WebAuthn.encode(k.credentialId()))));
              return Reply.ok(answer(c, creation(me, rpId, c, exclude)));
            });
  }

  private static JsonObject creation(
      Principal me, String rpId, Challenges.Challenge c, JsonArray exclude) {
    JsonArray params = new JsonArray();
    WebAuthn.algorithms()
        .forEach(alg -> params.add(new JsonObject().put("type", "public-key").put("alg", alg)));
    return new JsonObject()
        .put("challenge", WebAuthn.encode(c.bytes()))
        .put("rp", new JsonObject().put("id", rpId).put("name", "Hearth"))
        .put(
            "user",
            new JsonObject()
                .put("id", WebAuthn.encode(me.id().getBytes(StandardCharsets.UTF_8)))
                .put("name", me.name())
                .put("displayName", me.name()))
        .put("pubKeyCredParams", params)
        .put("timeout", Challenges.TTL_MS)
        .put("attestation", "none")
        .put(
            "authenticatorSelection",
            new JsonObject().put("residentKey", "required").put("userVerification", "required"))
        .put("excludeCredentials", exclude);
  }

  private Future<Reply> register(RoutingContext ctx) {
    Principal me = SigninKit.member(ctx);
    kit.requireSecureTransport(ctx);
    JsonBody body = JsonBody.of(ctx, Set.of("challenge_id", "name", "credential"));
    String name = body.optionalText("name");
    Challenges.Challenge c = challenge(body, "register", me.id());
    JsonObject credential = body.requiredObject("credential");
    WebAuthn.Registered made =
        kit.webauthn.register(
            SigninCookies.ownOrigin(ctx),
            SigninKit.rpId(ctx),
            c.bytes(),
            WebAuthn.decode("client_data", text(credential, "client_data"), 4096),
            WebAuthn.decode("attestation_object", text(credential, "attestation_object"), 16_384));
    Passkey key =
        new Passkey(
            Ids.newId("pky"),
            me.id(),
            made.credentialId(),
            made.credentialData(),
            made.signCount(),
            name == null || name.isBlank() ? "Passkey" : name,
            System.currentTimeMillis(),
            null);
    return kit.hub.credentials().addPasskey(me, key).map(k -> Reply.created(k.toJson()));
  }

  private Future<Reply> delete(RoutingContext ctx) {
    Principal me = SigninKit.member(ctx);
    String id = ctx.pathParam("id");
    if (!Ids.isWellFormed(id, "pky")) {
      throw HubException.notFound("no passkey with id " + id);
    }
    return kit.hub
        .credentials()
        .deletePasskey(me, id, me.isOwner() ? null : me.id(), SigninKit.currentSignin(ctx))
        .map(ended -> Reply.noContent());
  }

  private Challenges.Challenge challenge(JsonBody body, String purpose, String memberId) {
    Challenges.Challenge c =
        kit.challenges.take(body.requiredText("challenge_id"), purpose, memberId);
    if (c == null) {
      throw new HubException(
          400,
          "challenge_expired",
          "this passkey request expired or was used already; press the button again");
    }
    return c;
  }

  private static WebAuthn.Assertion assertion(JsonObject credential) {
    if (!ASSERTION.containsAll(credential.fieldNames())) {
      throw HubException.badRequest("field 'credential' accepts only " + ASSERTION);
    }
    String handle = credential.getValue("user_handle") instanceof String h ? h : null;
    return new WebAuthn.Assertion(
        WebAuthn.decode("id", text(credential, "id"), 1024),
        handle == null || handle.isEmpty() ? null : WebAuthn.decode("user_handle", handle, 64),
        WebAuthn.decode("authenticator_data", text(credential, "authenticator_data"), 4096),
        WebAuthn.decode("client_data", text(credential, "client_data"), 4096),
        WebAuthn.decode("signature", text(credential, "signature"), 1024));
  }

  private static String text(JsonObject object, String field) {
    return object.getValue(field) instanceof String text ? text : null;
  }

  private static JsonObject answer(Challenges.Challenge c, JsonObject options) {
    return new JsonObject().put("challenge_id", c.id()).put("public_key", options);
  }
}
