package io.hearth.runtime.security;

import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Member;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Signin;
import io.hearth.runtime.domain.TokenSecrets;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.CredentialStore;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.MemberStore;
import io.hearth.runtime.store.SigninStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * People's sign-ins (cookie sessions): opened after a password or passkey check, resolved against
 * the store on every request (never a cache) so that signing out or a revocation counts from the
 * next request on, listed and revoked by their member and by the owner. The cookie's secret and the
 * CSRF value are 256 random bits each; only their SHA-256 is stored.
 */
public final class Signins {
  /** Prefix of the cookie's secret; a sign-in's id starts {@code sgn_}. */
  public static final String SECRET_PREFIX = "hsn_";

  public static final String CSRF_PREFIX = "hcf_";
  static final String ID_PREFIX = "sgn";

  /** Last-used times are written at most this often per sign-in. */
  private static final long TOUCH_EVERY_MS = 60_000;

  private final Database db;

  public Signins(Database db) {
    this.db = db;
  }

  /** A new sign-in, with the two secrets its browser gets as cookies (shown once, never kept). */
  public record Opened(Signin signin, String secret, String csrf) {}

  /** The sign-in a request's cookie belongs to, who it speaks for, and its CSRF value's hash. */
  public record Current(Principal principal, Signin signin, byte[] csrfHash) {}

  public Future<Opened> open(Member member, String method, String userAgent, String address) {
    return open(member, method, null, userAgent, address);
  }

  /**
   * Opens a sign-in; {@code passkeyId}: the passkey that signed in (null for a password or the
   * set-up), so that removing the passkey ends this sign-in too.
   */
  public Future<Opened> open(
      Member member, String method, String passkeyId, String userAgent, String address) {
    long now = System.currentTimeMillis();
    Signin signin =
        new Signin(
            Ids.newId(ID_PREFIX),
            member.id(),
            method,
            passkeyId,
            null,
            clip(userAgent, 200),
            clip(address, 64),
            now,
            now,
            now + Signin.ABSOLUTE_MS,
            null);
    String secret = TokenSecrets.newSecret(SECRET_PREFIX);
    String csrf = TokenSecrets.newSecret(CSRF_PREFIX);
    Principal actor = new Principal(PrincipalKind.MEMBER, member.id(), member.name(), null, null);
    return db.write(
        c -> {
          if (passkeyId != null && CredentialStore.passkeyById(c, passkeyId).isEmpty()) {
            // removed between its check and now: writes are serial, so a removal either sees
            // this sign-in and ends it, or comes first and this refuses it
            throw HubException.unauthorized(
                "unknown_passkey",
                "this passkey was removed from this hub; sign in with your password and add it");
          }
          SigninStore.insert(c, signin, TokenSecrets.hash(secret), TokenSecrets.hash(csrf));
          AuditLog.append(c, actor, "signin.create", signin.id(), audited(signin));
          return new Opened(signin, secret, csrf);
        });
  }

  /** Resolves a cookie's secret, or fails with a 401 whose words say what to do. */
  public Future<Current> authenticate(String secret) {
    if (secret == null || secret.length() > 100 || !secret.startsWith(SECRET_PREFIX)) {
      return Future.failedFuture(signedOut());
    }
    byte[] hash = TokenSecrets.hash(secret);
    long now = System.currentTimeMillis();
    return db.read(c -> current(c, hash, now))
        .onSuccess(
            found -> {
              if (now - found.signin().lastUsedAt() > TOUCH_EVERY_MS) {
                db.writeOutsideAccess(c -> touch(c, found.signin().id(), now));
              }
            });
  }

  private static Current current(Connection c, byte[] hash, long now) throws SQLException {
    SigninStore.Found found = SigninStore.byHash(c, hash).orElseThrow(Signins::signedOut);
    Principal principal = principal(c, found.signin(), now);
    return new Current(principal, found.signin(), found.csrfHash());
  }

  private static Void touch(Connection c, String id, long now) throws SQLException {
    SigninStore.touch(c, id, now);
    return null;
  }

  /**
   * Who a live sign-in speaks for now, or a 401: how {@link TokenService} re-authorises streams and
   * feeds opened with a cookie (their principal's token id is the sign-in's id).
   */
  static TokenService.TokenPrincipal holder(Connection c, String id) throws SQLException {
    Signin signin = SigninStore.byId(c, id).orElseThrow(Signins::signedOut);
    return new TokenService.TokenPrincipal(
        principal(c, signin, System.currentTimeMillis()), signin.endsAt());
  }

  private static Principal principal(Connection c, Signin signin, long now) throws SQLException {
    if (!signin.live(now)) {
      throw signedOut();
    }
    Member m = MemberStore.findForToken(c, signin.memberId()).orElseThrow(Signins::signedOut);
    return new Principal(PrincipalKind.MEMBER, m.id(), m.name(), m.role(), signin.id());
  }

  /** A member's live sign-ins, newest first. */
  public Future<List<Signin>> of(String memberId) {
    long now = System.currentTimeMillis();
    return db.read(c -> SigninStore.ofMember(c, memberId, now))
        .map(all -> all.stream().filter(s -> s.live(now)).toList());
  }

  public Future<Signin> get(String id) {
    return db.read(c -> SigninStore.byId(c, id))
        .map(found -> found.orElseThrow(() -> HubException.notFound("no sign-in with id " + id)));
  }

  /** Ends a sign-in at once; {@code action} names why in the audit log. */
  public Future<Void> revoke(Principal actor, String id, String action) {
    return db.write(
        c -> {
          Optional<Signin> ended = SigninStore.byId(c, id);
          if (!SigninStore.revoke(c, id, System.currentTimeMillis())) {
            throw HubException.notFound("no live sign-in with id " + id);
          }
          AuditLog.append(c, actor, action, id, ended.map(Signins::audited).orElse(null));
          return null;
        });
  }

  private static JsonObject audited(Signin s) {
    return new JsonObject()
        .put("member_id", s.memberId())
        .put("method", s.method())
        .put("passkey_id", s.passkeyId())
        .put("address", s.address());
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  static boolean isSigninId(String id) {
    return id != null && id.startsWith(ID_PREFIX + "_");
  }

  private static HubException signedOut() {
    return HubException.unauthorized(
        "signed_out", "you are signed out (or the sign-in ended); sign in again at /signin/");
  }
}
