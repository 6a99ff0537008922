package io.hearth.runtime.security;

import io.hearth.runtime.domain.ApiToken;
import io.hearth.runtime.domain.IssuedToken;
import io.hearth.runtime.domain.Member;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.TokenSecrets;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.DisplayStore;
import io.hearth.runtime.store.MemberStore;
import io.hearth.runtime.store.TokenStore;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Issues and checks API tokens. A token is {@code hth_} and 256 random bits; the store keeps only
 * its SHA-256 (a fast hash is right for a secret of that entropy: there is nothing to brute-force).
 * Every check reads the store, so a revocation counts from the next request on.
 */
public final class TokenService {
  public static final String PREFIX = TokenSecrets.PREFIX;

  /** Longest Authorization value looked at; anything longer is refused before hashing. */
  public static final int MAX_TOKEN_LENGTH = 128;

  private final Database db;

  public TokenService(Database db) {
    this.db = db;
  }

  public Future<IssuedToken> issue(
      Principal actor, PrincipalKind kind, String principalId, String name, Long expiresAt) {
    return db.write(c -> TokenStore.issue(c, actor, kind, principalId, name, expiresAt));
  }

  public Future<List<ApiToken>> list(PrincipalKind kind, String principalId) {
    return db.read(c -> TokenStore.list(c, kind, principalId));
  }

  public Future<ApiToken> get(String id) {
    return db.read(c -> TokenStore.byId(c, id))
        .map(t -> t.orElseThrow(() -> HubException.notFound("no token with id " + id)));
  }

  public Future<Void> revoke(Principal actor, String id) {
    return db.write(
        c -> {
          if (!TokenStore.revoke(c, id, System.currentTimeMillis())) {
            throw HubException.notFound("no live token with id " + id);
          }
          AuditLog.append(c, actor, "token.revoke", id, null);
          return null;
        });
  }

  /** Resolves a bearer secret to the principal it speaks for, or fails with a 401. */
  public Future<Principal> authenticate(String secret) {
    if (secret == null || secret.length() > MAX_TOKEN_LENGTH || !secret.startsWith(PREFIX)) {
      return Future.failedFuture(invalid());
    }
    byte[] hash = TokenSecrets.hash(secret);
    return db.read(c -> principal(c, hash));
  }

  /**
   * The principal a token (by id) speaks for now, or a 401 if it is revoked, expired or its subject
   * is gone: how open streams, feeds and broker connections are re-authorised against the current
   * store. Read afresh on every call. A principal signed in with a cookie carries its sign-in's id
   * ({@code sgn_...}) as token id, and is re-authorised against that sign-in the same way.
   */
  public Future<Principal> principalOfToken(String tokenId) {
    return principalAndExpiryOfToken(tokenId).map(TokenPrincipal::principal);
  }

  /** The principal a token speaks for now, and when the token expires (null: never). */
  public record TokenPrincipal(Principal principal, Long expiresAt) {}

  /**
   * As {@link #principalOfToken}, same read and same refusals, with the token's expiry: the one
   * moment at which this answer changes by time alone rather than by a write to the store.
   */
  public Future<TokenPrincipal> principalAndExpiryOfToken(String tokenId) {
    if (Signins.isSigninId(tokenId)) {
      return db.read(c -> Signins.holder(c, tokenId));
    }
    return db.read(
        c -> {
          ApiToken token = TokenStore.byId(c, tokenId).orElseThrow(TokenService::invalid);
          return new TokenPrincipal(principal(c, token), token.expiresAt());
        });
  }

  private static Principal principal(Connection c, byte[] hash) throws SQLException {
    return principal(c, TokenStore.byHash(c, hash).orElseThrow(TokenService::invalid));
  }

  private static Principal principal(Connection c, ApiToken token) throws SQLException {
    long now = System.currentTimeMillis();
    if (token.revokedAt() != null) {
      throw HubException.unauthorized(
          "token_revoked", "this token was revoked; ask the home's owner for a new one");
    }
    if (token.expired(now)) {
      throw HubException.unauthorized(
          "token_expired",
          "this token expired at "
              + java.time.Instant.ofEpochMilli(token.expiresAt())
              + "; ask the home's owner for a new one");
    }
    return switch (token.principalKind()) {
      case MEMBER -> {
        Member m =
            MemberStore.findForToken(c, token.principalId()).orElseThrow(TokenService::invalid);
        yield new Principal(PrincipalKind.MEMBER, m.id(), m.name(), m.role(), token.id());
      }
      case DISPLAY -> displayPrincipal(c, token);
      case AUTOMATION ->
          new Principal(
              PrincipalKind.AUTOMATION, token.principalId(), token.name(), null, token.id());
    };
  }

  private static Principal displayPrincipal(Connection c, ApiToken token) throws SQLException {
    String name = DisplayStore.nameOf(c, token.principalId()).orElseThrow(TokenService::invalid);
    return new Principal(PrincipalKind.DISPLAY, token.principalId(), name, null, token.id());
  }

  private static HubException invalid() {
    return HubException.unauthorized(
        "invalid_token",
        "the bearer token is not valid for this hub; check it, or ask the owner for a new one");
  }
}
