package io.hearth.runtime.store;

import io.hearth.runtime.domain.Passkey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Rows of people's sign-in credentials: a member's password hash (member_password) and passkeys
 * (member_passkey). The password hash string carries its own algorithm, parameters and salt.
 */
public final class CredentialStore {
  private static final String PASSKEY_COLUMNS =
      "SELECT id, member_id, credential_id, credential_data, sign_count, name, created_at,"
          + " last_used_at FROM member_passkey";

  private CredentialStore() {}

  public static Optional<String> passwordHash(Connection c, String memberId) throws SQLException {
    return Sql.one(
        c,
        "SELECT hash FROM member_password WHERE member_id = ?",
        row -> row.getString(1),
        memberId);
  }

  public static void setPassword(Connection c, String memberId, String hash, long now)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO member_password (member_id, hash, updated_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (member_id) DO UPDATE SET hash = excluded.hash,"
            + " updated_at = excluded.updated_at",
        memberId,
        hash,
        now);
  }

  /** True once any owner has a password or a passkey: the first-start set-up is done. */
  public static boolean ownerCanSignIn(Connection c) throws SQLException {
    return Sql.one(
                c,
                "SELECT count(*) FROM member m WHERE m.role = 'owner' AND (EXISTS (SELECT 1 FROM"
                    + " member_password p WHERE p.member_id = m.id) OR EXISTS (SELECT 1 FROM"
                    + " member_passkey k WHERE k.member_id = m.id))",
                row -> row.getInt(1))
            .orElse(0)
        > 0;
  }

  public static void insertPasskey(Connection c, Passkey k) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO member_passkey (id, member_id, credential_id, credential_data, sign_count,"
            + " name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        k.id(),
        k.memberId(),
        k.credentialId(),
        k.credentialData(),
        k.signCount(),
        k.name(),
        k.createdAt());
  }

  public static List<Passkey> passkeysOf(Connection c, String memberId) throws SQLException {
    return Sql.list(
        c,
        PASSKEY_COLUMNS + " WHERE member_id = ? ORDER BY created_at, id",
        CredentialStore::passkey,
        memberId);
  }

  public static Optional<Passkey> passkeyByCredentialId(Connection c, byte[] credentialId)
      throws SQLException {
    return Sql.one(
        c, PASSKEY_COLUMNS + " WHERE credential_id = ?", CredentialStore::passkey, credentialId);
  }

  public static Optional<Passkey> passkeyById(Connection c, String id) throws SQLException {
    return Sql.one(c, PASSKEY_COLUMNS + " WHERE id = ?", CredentialStore::passkey, id);
  }

  public static void passkeyUsed(Connection c, String id, long signCount, long now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE member_passkey SET sign_count = ?, last_used_at = ? WHERE id = ?",
        signCount,
        now,
        id);
  }

  public static boolean deletePasskey(Connection c, String id) throws SQLException {
    return Sql.update(c, "DELETE FROM member_passkey WHERE id = ?", id) == 1;
  }

  private static Passkey passkey(ResultSet row) throws SQLException {
    return new Passkey(
        row.getString("id"),
        row.getString("member_id"),
        row.getBytes("credential_id"),
        row.getBytes("credential_data"),
        row.getLong("sign_count"),
        row.getString("name"),
        row.getLong("created_at"),
        Sql.nullableLong(row, "last_used_at"));
  }
}
