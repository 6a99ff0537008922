package io.hearth.api;

import io.hearth.bridge.BridgeIdentity;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.session.StreamSessions;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/displays}: pairing as a TV signs in (RFC 8628). {@code pair} and {@code token} are
 * the display's, without a token (it has none yet); approving, refusing, listing, renaming and
 * unpairing are the owner's.
 */
final class DisplaysApi {
  static final String PATH = ApiRouter.API + "/displays";

  private final ModuleContext hub;

  DisplaysApi(ModuleContext hub) {
    this.hub = hub;
  }

  /** The two routes a display calls before it holds a token. */
  void mountPublic(Router router) {
    router.post(PATH + "/pair").handler(Reply.of(this::pair));
    router.post(PATH + "/token").handler(Reply.of(this::token));
  }

  void mount(Router router) {
    router.post(PATH + "/approve").handler(Reply.of(this::approve));
    router.post(PATH + "/deny").handler(Reply.of(this::deny));
    router.get(PATH).handler(Reply.of(this::list));
    router.get(PATH + "/pairing").handler(Reply.of(this::pending));
    router.delete(PATH + "/pairing").handler(Reply.of(this::clear));
    router.patch(PATH + "/:id").handler(Reply.of(this::rename));
    router.delete(PATH + "/:id").handler(Reply.of(this::revoke));
  }

  private Future<Reply> pair(RoutingContext ctx) {
    String name = "Display";
    byte[] channelKey = null;
    if (ctx.body() != null && ctx.body().length() > 0) {
      JsonBody body = JsonBody.of(ctx, Set.of("name", "channel_key"));
      String given = body.optionalText("name");
      name = given == null || given.isBlank() ? name : given;
      channelKey = channelKey(body.optionalText("channel_key"));
    }
    String source = ctx.request().remoteAddress().hostAddress();
    JsonObject codes = hub.pairings().begin(name, source, channelKey);
    String verify = ctx.request().scheme() + "://" + ctx.request().authority() + "/admin";
    codes.put("verification_uri", verify);
    return CaCertificateApi.describeIfAny(hub).map(ca -> Reply.ok(codes.put("ca", ca)));
  }

  /** A display's X25519 public key for the end-to-end channel: 32 bytes, base64url. */
  static byte[] channelKey(String text) {
    if (text == null) {
      return null;
    }
    byte[] key;
    try {
      key = text.length() > 64 ? null : Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      key = null;
    }
    if (key == null || key.length != 32) {
      throw HubException.badRequest("channel_key must be 32 bytes, base64url (an X25519 key)");
    }
    return key;
  }

  /**
   * The pairings waiting for approval: who asked (name, address) and when; and the hub's CA with
   * its fingerprint, which the admin page shows next to them.
   */
  private Future<Reply> pending(RoutingContext ctx) {
    Authenticator.owner(ctx);
    JsonObject answer = new JsonObject().put("pairings", hub.pairings().pending());
    return CaCertificateApi.describeIfAny(hub).map(ca -> Reply.ok(answer.put("ca", ca)));
  }

  /** Clears every waiting pairing (a jammed queue); paired displays are not touched. */
  private Future<Reply> clear(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    int cleared = hub.pairings().clear();
    return hub.audit()
        .record(owner, "display.pairing_clear", null, new JsonObject().put("cleared", cleared))
        .map(v -> Reply.ok(new JsonObject().put("cleared", cleared)));
  }

  private Future<Reply> token(RoutingContext ctx) {
    String deviceCode =
        JsonBody.of(ctx, Set.of("device_code", "grant_type")).requiredText("device_code");
    JsonObject paired = hub.pairings().poll(deviceCode);
    boolean pinned = paired.remove("channel_pinned") != null;
    return hubIdentity(pinned)
        .compose(id -> CaCertificateApi.describeIfAny(hub).map(ca -> id.put("ca", ca)))
        .map(identity -> Reply.ok(paired.put("hub", identity)));
  }

  /**
   * What a paired display keeps to find and trust the hub later without any cloud: the hub's id,
   * its HTTPS addresses on the home network (tried first, before any relay), and the SHA-256
   * fingerprint of its TLS certificate to pin; and, for a display that pinned a channel key, the
   * hub's channel key and relay id (how it reaches the hub end to end when away).
   */
  private Future<JsonObject> hubIdentity(boolean channel) {
    Integer port = hub.ports().get("api.port");
    return hub.vertx()
        .executeBlocking(
            () -> {
              JsonArray addresses = new JsonArray();
              for (java.net.InetAddress a : io.hearth.runtime.NetworkAddresses.all()) {
                if (!a.isLoopbackAddress() && port != null) {
                  String host = a.getHostAddress();
                  int zone = host.indexOf('%');
                  host = zone >= 0 ? host.substring(0, zone) : host;
                  addresses.add(
                      "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
                }
              }
              JsonObject identity =
                  new JsonObject()
                      .put("id", hub.home().id())
                      .put("addresses", addresses)
                      .put("tls_fingerprint_sha256", hub.certificates().fingerprint());
              return channel ? identity.put("channel", channel()) : identity;
            },
            false);
  }

  private JsonObject channel() throws java.io.IOException, GeneralSecurityException {
    BridgeIdentity identity = BridgeIdentity.load(hub.dataDir());
    JsonObject channel =
        new JsonObject()
            .put("hub_key", identity.channelPublicKey())
            .put("relay_id", identity.relayId())
            .put("protocol", "Noise_KK_25519_AESGCM_SHA256");
    String relay = RelayAddress.url(hub);
    return relay.isEmpty() ? channel : channel.put("relay_url", relay);
  }

  private Future<Reply> approve(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    JsonBody body = JsonBody.of(ctx, Set.of("user_code", "cameras", "scopes", "remote", "name"));
    String userCode = body.requiredText("user_code");
    List<String> cameras = body.optionalStrings("cameras", 256);
    Set<Scope> scopes =
        Scopes.parse(
            body.optionalStrings("scopes", 3),
            EnumSet.of(Scope.LIVE, Scope.SNAPSHOT, Scope.EVENTS));
    Boolean remote = body.optionalBoolean("remote");
    String name = body.optionalText("name");
    return hub.pairings()
        .approve(
            owner,
            userCode,
            CamerasApi.ids(cameras == null ? List.of() : cameras),
            scopes,
            remote != null && remote,
            name == null || name.isEmpty() ? null : Names.checked(name, "a display's name"))
        .map(Reply::ok);
  }

  private Future<Reply> deny(RoutingContext ctx) {
    Authenticator.owner(ctx);
    hub.pairings().deny(JsonBody.of(ctx, Set.of("user_code")).requiredText("user_code"));
    return Future.succeededFuture(Reply.noContent());
  }

  private Future<Reply> list(RoutingContext ctx) {
    Authenticator.owner(ctx);
    return hub.displays()
        .list()
        .map(
            all -> {
              JsonArray array = new JsonArray();
              all.forEach(d -> array.add(d.toJson()));
              return Reply.ok(new JsonObject().put("displays", array));
            });
  }

  /** {@code PATCH /displays/{id} {"name": ...}}: the display's new name, as every list shows it. */
  private Future<Reply> rename(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    String id = displayId(ctx);
    String name =
        Names.checked(JsonBody.of(ctx, Set.of("name")).optionalText("name"), "a display's name");
    return hub.displays().rename(owner, id, name).map(d -> Reply.ok(d.toJson()));
  }

  private Future<Reply> revoke(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    String id = displayId(ctx);
    return hub.displays()
        .revoke(owner, id)
        .map(
            v -> {
              hub.vertx().eventBus().publish(StreamSessions.ACCESS_CHANGED, "display revoked");
              return Reply.noContent();
            });
  }

  private static String displayId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.isWellFormed(id, "dsp")) {
      throw HubException.notFound("no display with id " + id);
    }
    return id;
  }
}
