package io.hearth.runtime.store;

import io.hearth.runtime.domain.ApiToken;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.IssuedToken;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.TokenSecrets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Rows of the token table. Only hashes of secrets are stored. */
public final class TokenStore {
  private static final String COLUMNS =
      "SELECT id, hint, name, principal_kind, principal_id, created_at, expires_at, revoked_at"
          + " FROM token";

  private TokenStore() {}

  /** Issues a token inside the caller's write transaction, audited as made by {@code actor}. */
  public static IssuedToken issue(
      Connection c,
      Principal actor,
      PrincipalKind kind,
      String principalId,
      String name,
      Long expiresAt)
      throws SQLException {
    String secret = TokenSecrets.newSecret();
    ApiToken token =
        new ApiToken(
            Ids.newId("tok"),
            secret.substring(0, 8) + "…",
            name,
            kind,
            principalId,
            System.currentTimeMillis(),
            expiresAt,
            null);
    insert(c, token, TokenSecrets.hash(secret));
    AuditLog.append(c, actor, "token.create", token.id(), token.toJson());
    return new IssuedToken(token, secret);
  }

  public static void insert(Connection c, ApiToken token, byte[] hash) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO token (id, hash, hint, name, principal_kind, principal_id, created_at,"
            + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        token.id(),
        hash,
        token.hint(),
        token.name(),
        token.principalKind().wireName(),
        token.principalId(),
        token.createdAt(),
        token.expiresAt());
  }

  public static Optional<ApiToken> byHash(Connection c, byte[] hash) throws SQLException {
    return Sql.one(c, COLUMNS + " WHERE hash = ?", TokenStore::row, hash);
  }

  public static Optional<ApiToken> byId(Connection c, String id) throws SQLException {
    return Sql.one(c, COLUMNS + " WHERE id = ?", TokenStore::row, id);
  }

  /** Every token, or only those of one subject when {@code principalId} is not null. */
  public static List<ApiToken> list(Connection c, PrincipalKind kind, String principalId)
      throws SQLException {
    if (principalId == null) {
      return Sql.list(c, COLUMNS + " ORDER BY created_at, id", TokenStore::row);
    }
    return Sql.list(
        c,
        COLUMNS + " WHERE principal_kind = ? AND principal_id = ?" + " ORDER BY created_at, id",
        TokenStore::row,
        kind.wireName(),
        principalId);
  }

  public static boolean revoke(Connection c, String id, long now) throws SQLException {
    return Sql.update(
            c, "UPDATE token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id)
        == 1;
  }

  private static ApiToken row(ResultSet row) throws SQLException {
    return new ApiToken(
        row.getString("id"),
        row.getString("hint"),
        row.getString("name"),
        PrincipalKind.parse(row.getString("principal_kind")),
        row.getString("principal_id"),
        row.getLong("created_at"),
        Sql.nullableLong(row, "expires_at"),
        Sql.nullableLong(row, "revoked_at"));
  }
}
