package io.hearth.runtime.store;

import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.GrantTarget;
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
import java.util.Set;

/**
 * Grants, keyed by the full (principal kind, principal id, target) and nothing less. A grant is
 * made only for a principal that exists ({@link GrantHolders}). Read for an access decision, grants
 * are resolved against the device table at that moment ({@link #COVERS}): a room or sensors grant
 * counts once for every device it covers now, never through rows copied when it was made.
 */
public final class GrantStore {
  private static final String COLUMNS =
      "SELECT id, principal_kind, principal_id, target_kind, target_id,"
          + " scopes, remote, expires_at, created_at FROM \"grant\"";

  /** Grants joined to every device they cover now: the one rule of what a grant reaches. */
  private static final String COVERS =
      "SELECT g.id, g.principal_kind, g.principal_id, g.target_kind, d.id AS target_id,"
          + " g.scopes, g.remote, g.expires_at, g.created_at FROM \"grant\" g JOIN device d ON"
          + " (g.device_id = d.id OR (g.target_kind = 'room' AND d.room = g.target_id)"
          + " OR (g.target_kind = 'sensors' AND d.kind = 'sensor'))"
          + " WHERE g.principal_kind = ? AND g.principal_id = ?";

  private final Database db;
  private final RoomStore rooms;

  public GrantStore(Database db) {
    this.db = db;
    this.rooms = new RoomStore(db);
  }

  /** Which room each device is in: what room grants cover. */
  public RoomStore rooms() {
    return rooms;
  }

  /** Creates or replaces the grant of a principal on one camera or device. */
  public Future<Grant> put(
      Principal actor,
      PrincipalKind kind,
      String principalId,
      String deviceId,
      Set<Scope> scopes,
      boolean remote,
      Long expiresAt) {
    return put(actor, kind, principalId, GrantTarget.DEVICE, deviceId, scopes, remote, expiresAt);
  }

  /**
   * Creates or replaces the grant of a principal on a target: one camera or device ({@code DEVICE}
   * and {@code CAMERA} alike: the stored kind is the device's), a room, or all sensors.
   */
  public Future<Grant> put(
      Principal actor,
      PrincipalKind kind,
      String principalId,
      GrantTarget target,
      String targetId,
      Set<Scope> scopes,
      boolean remote,
      Long expiresAt) {
    return db.write(
        c -> {
          Grant grant = insert(c, kind, principalId, target, targetId, scopes, remote, expiresAt);
          AuditLog.append(c, actor, "grant.put", grant.id(), grant.toJson());
          return grant;
        });
  }

  /** Inside a write transaction: replaces the principal's grant on one camera or device. */
  static Grant insert(
      Connection c,
      PrincipalKind kind,
      String principalId,
      String deviceId,
      Set<Scope> scopes,
      boolean remote,
      Long expiresAt)
      throws SQLException {
    return insert(c, kind, principalId, GrantTarget.DEVICE, deviceId, scopes, remote, expiresAt);
  }

  private static Grant insert(
      Connection c,
      PrincipalKind kind,
      String principalId,
      GrantTarget target,
      String targetId,
      Set<Scope> scopes,
      boolean remote,
      Long expiresAt)
      throws SQLException {
    GrantHolders.requireExists(c, kind, principalId);
    GrantTarget stored = target.isOneDevice() ? deviceKind(c, targetId) : target;
    Grant grant =
        new Grant(
            Ids.newId("grt"),
            kind,
            principalId,
            stored,
            targetId,
            scopes,
            remote,
            expiresAt,
            System.currentTimeMillis());
    Sql.update(
        c,
        "DELETE FROM \"grant\" WHERE principal_kind = ? AND principal_id = ? AND target_kind = ?"
            + " AND target_id = ?",
        kind.wireName(),
        principalId,
        stored.wireName(),
        targetId);
    Sql.update(
        c,
        "INSERT INTO \"grant\" (id, principal_kind, principal_id, target_kind, target_id,"
            + " device_id, scopes, remote, expires_at, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        grant.id(),
        kind.wireName(),
        principalId,
        stored.wireName(),
        targetId,
        stored.isOneDevice() ? targetId : null,
        Scope.format(scopes),
        remote ? 1 : 0,
        expiresAt,
        grant.createdAt());
    return grant;
  }

  /** A device target's stored kind (camera or device); 404 when there is no such device. */
  private static GrantTarget deviceKind(Connection c, String deviceId) throws SQLException {
    return Sql.one(
            c,
            "SELECT kind FROM device WHERE id = ?",
            row -> "camera".equals(row.getString(1)) ? GrantTarget.CAMERA : GrantTarget.DEVICE,
            deviceId)
        .orElseThrow(() -> HubException.notFound("no camera or device with id " + deviceId));
  }

  /** Every grant as made (room and sensors grants once each), for the owner's view. */
  public Future<List<Grant>> all() {
    return db.read(c -> Sql.list(c, COLUMNS + " ORDER BY created_at", GrantStore::row));
  }

  /** The ids of the devices a grant covers now (one for a device grant). */
  public Future<List<String>> covered(String grantId) {
    return db.read(
        c ->
            Sql.list(
                c,
                "SELECT d.id FROM \"grant\" g JOIN device d ON (g.device_id = d.id OR"
                    + " (g.target_kind = 'room' AND d.room = g.target_id) OR (g.target_kind ="
                    + " 'sensors' AND d.kind = 'sensor')) WHERE g.id = ? ORDER BY d.id",
                row -> row.getString(1),
                grantId));
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

  /**
   * The principal's grants as they reach devices now: one entry per (grant, covered device), with
   * the device's id as target; a device may appear under several grants.
   */
  public Future<List<Grant>> forPrincipal(PrincipalKind kind, String principalId) {
    return db.read(
        c ->
            Sql.list(
                c,
                COVERS + " ORDER BY g.created_at",
                GrantStore::row,
                kind.wireName(),
                principalId));
  }

  /** The grants of this principal that reach this device now (its own, its room's, sensors'). */
  static List<Grant> find(Connection c, PrincipalKind kind, String principalId, String deviceId)
      throws SQLException {
    return Sql.list(
        c,
        COVERS + " AND d.id = ? ORDER BY g.created_at",
        GrantStore::row,
        kind.wireName(),
        principalId,
        deviceId);
  }

  public Future<List<Grant>> find(PrincipalKind kind, String principalId, String deviceId) {
    return db.read(c -> find(c, kind, principalId, deviceId));
  }

  private static Grant row(ResultSet row) throws SQLException {
    return new Grant(
        row.getString("id"),
        PrincipalKind.parse(row.getString("principal_kind")),
        row.getString("principal_id"),
        GrantTarget.parse(row.getString("target_kind")),
        row.getString("target_id"),
        Scope.parseAll(row.getString("scopes")),
        row.getInt("remote") == 1,
        Sql.nullableLong(row, "expires_at"),
        row.getLong("created_at"));
  }
}
