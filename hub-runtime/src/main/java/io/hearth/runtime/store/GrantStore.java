package io.hearth.runtime.store;

import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Grants, keyed by the full (principal kind, principal id, target) and nothing less. */
public final class GrantStore {
  private static final String COLUMNS =
      "SELECT id, principal_kind, principal_id, target_id,"
          + " scopes, remote, expires_at, created_at FROM \"grant\"";

  private final Database db;

  public GrantStore(Database db) {
    this.db = db;
  }

  /** Creates or replaces the grant of a principal on a target. */
  public Future<Grant> put(
      Principal actor,
      PrincipalKind kind,
      String principalId,
      String targetId,
      Set<Scope> scopes,
      boolean remote,
      Long expiresAt) {
    return db.write(
        c -> {
          Grant grant = insert(c, kind, principalId, targetId, scopes, remote, expiresAt);
          AuditLog.append(c, actor, "grant.put", grant.id(), grant.toJson());
          return grant;
        });
  }

  /** Inside a write transaction: replaces the principal's grant on the target; 404 if none. */
  static Grant insert(
      Connection c,
      PrincipalKind kind,
      String principalId,
      String targetId,
      Set<Scope> scopes,
      boolean remote,
      Long expiresAt)
      throws SQLException {
    Grant grant =
        new Grant(
            Ids.newId("grt"),
            kind,
            principalId,
            targetId,
            scopes,
            remote,
            expiresAt,
            System.currentTimeMillis());
    Sql.update(
        c,
        "DELETE FROM \"grant\" WHERE principal_kind = ? AND principal_id = ? AND target_id = ?",
        kind.wireName(),
        principalId,
        targetId);
    int inserted =
        Sql.update(
            c,
            "INSERT INTO \"grant\" (id, principal_kind, principal_id, target_kind, target_id,"
                + " scopes, remote, expires_at, created_at)"
                + " SELECT ?, ?, ?, CASE kind WHEN 'camera' THEN 'camera' ELSE 'device' END,"
                + " ?, ?, ?, ?, ? FROM device WHERE id = ?",
            grant.id(),
            kind.wireName(),
            principalId,
            targetId,
            Scope.format(scopes),
            remote ? 1 : 0,
            expiresAt,
            grant.createdAt(),
            targetId);
    if (inserted != 1) {
      throw HubException.notFound("no camera or device with id " + targetId);
    }
    return grant;
  }

  /** Every grant, for the owner's view. */
  public Future<List<Grant>> all() {
    return db.read(c -> Sql.list(c, COLUMNS + " ORDER BY created_at", GrantStore::row));
  }

  public Future<Void> revoke(Principal actor, String grantId) {
    return db.write(
        c -> {
          if (Sql.update(c, "DELETE FROM \"grant\" WHERE id = ?", grantId) != 1) {
            throw HubException.notFound("no grant with id " + grantId);
          }
          AuditLog.append(c, actor, "grant.revoke", grantId, null);
          return null;
        });
  }

  public Future<List<Grant>> forPrincipal(PrincipalKind kind, String principalId) {
    return db.read(
        c ->
            Sql.list(
                c,
                COLUMNS + " WHERE principal_kind = ? AND principal_id = ?" + " ORDER BY created_at",
                GrantStore::row,
                kind.wireName(),
                principalId));
  }

  /** The one grant of this principal on this target, read now from the store. */
  static Optional<Grant> find(Connection c, PrincipalKind kind, String principalId, String targetId)
      throws SQLException {
    return Sql.one(
        c,
        COLUMNS + " WHERE principal_kind = ? AND principal_id = ?" + " AND target_id = ?",
        GrantStore::row,
        kind.wireName(),
        principalId,
        targetId);
  }

  public Future<Optional<Grant>> find(PrincipalKind kind, String principalId, String targetId) {
    return db.read(c -> find(c, kind, principalId, targetId));
  }

  private static Grant row(ResultSet row) throws SQLException {
    return new Grant(
        row.getString("id"),
        PrincipalKind.parse(row.getString("principal_kind")),
        row.getString("principal_id"),
        row.getString("target_id"),
        Scope.parseAll(row.getString("scopes")),
        row.getInt("remote") == 1,
        Sql.nullableLong(row, "expires_at"),
        row.getLong("created_at"));
  }
}
