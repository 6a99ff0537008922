package io.hearth.runtime.store;

import io.hearth.runtime.domain.Signin;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Rows of the signin table (people's cookie sessions). Only hashes of secrets are stored. */
public final class SigninStore {
  private static final String COLUMNS =
      "SELECT id, member_id, method, passkey_id, NULL AS passkey_name, user_agent, address,"
          + " created_at, last_used_at, expires_at, revoked_at FROM signin";

  /** The same columns with the opening passkey's name, for the lists people read. */
  private static final String NAMED =
      "SELECT s.id, s.member_id, s.method, s.passkey_id, k.name AS passkey_name, s.user_agent,"
          + " s.address, s.created_at, s.last_used_at, s.expires_at, s.revoked_at FROM signin s"
          + " LEFT JOIN member_passkey k ON k.id = s.passkey_id";

  private SigninStore() {}

  public static void insert(Connection c, Signin s, byte[] hash, byte[] csrfHash)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO signin (id, member_id, hash, csrf_hash, method, passkey_id, user_agent,"
            + " address, created_at, last_used_at, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.id(),
        s.memberId(),
        hash,
        csrfHash,
        s.method(),
        s.passkeyId(),
        s.userAgent(),
        s.address(),
        s.createdAt(),
        s.lastUsedAt(),
        s.expiresAt());
  }

  /** A sign-in and the hash of its CSRF value, found by the hash of its secret. */
  public record Found(Signin signin, byte[] csrfHash) {}

  public static Optional<Found> byHash(Connection c, byte[] hash) throws SQLException {
    return Sql.one(
        c,
        COLUMNS.replace(" FROM", ", csrf_hash FROM") + " WHERE hash = ?",
        row -> new Found(row(row), row.getBytes("csrf_hash")),
        hash);
  }

  public static Optional<Signin> byId(Connection c, String id) throws SQLException {
    return Sql.one(c, COLUMNS + " WHERE id = ?", SigninStore::row, id);
  }

  /** A member's sign-ins not yet revoked nor past their absolute expiry, newest first. */
  public static List<Signin> ofMember(Connection c, String memberId, long now) throws SQLException {
    return Sql.list(
        c,
        NAMED
            + " WHERE s.member_id = ? AND s.revoked_at IS NULL AND s.expires_at > ?"
            + " ORDER BY s.created_at DESC, s.id",
        SigninStore::row,
        memberId,
        now);
  }

  public static void touch(Connection c, String id, long now) throws SQLException {
    Sql.update(c, "UPDATE signin SET last_used_at = ? WHERE id = ?", now, id);
  }

  public static boolean revoke(Connection c, String id, long now) throws SQLException {
    return Sql.update(
            c, "UPDATE signin SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id)
        == 1;
  }

  /** Revokes every live sign-in of a member but {@code keep} (null: all); how many. */
  public static int revokeAllOf(Connection c, String memberId, String keep, long now)
      throws SQLException {
    return Sql.update(
        c,
        "UPDATE signin SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL"
            + " AND id <> ?",
        now,
        memberId,
        keep == null ? "" : keep);
  }

  /**
   * Revokes every live sign-in opened with a passkey (none idle or past expiry) but {@code keep}
   * (null: all); how many.
   */
  public static int revokeOpenedWith(Connection c, String passkeyId, String keep, long now)
      throws SQLException {
    return Sql.update(
        c,
        "UPDATE signin SET revoked_at = ? WHERE passkey_id = ? AND revoked_at IS NULL"
            + " AND expires_at > ? AND last_used_at > ? AND id <> ?",
        now,
        passkeyId,
        now,
        now - Signin.IDLE_MS,
        keep == null ? "" : keep);
  }

  private static Signin row(ResultSet row) throws SQLException {
    return new Signin(
        row.getString("id"),
        row.getString("member_id"),
        row.getString("method"),
        row.getString("passkey_id"),
        row.getString("passkey_name"),
        row.getString("user_agent"),
        row.getString("address"),
        row.getLong("created_at"),
        row.getLong("last_used_at"),
        row.getLong("expires_at"),
        Sql.nullableLong(row, "revoked_at"));
  }
}
