package io.hearth.runtime.store;

import io.hearth.runtime.domain.Display;
import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.IssuedToken;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Paired displays. Pairing writes the display, its grants and its token in one transaction. */
public final class DisplayStore {
  private final Database db;

  public DisplayStore(Database db) {
    this.db = db;
  }

  /** What a finished pairing produced: the display and the token secret for it (shown once). */
  public record Paired(Display display, String tokenSecret) {}

  public Future<Paired> pair(
      Principal owner,
      String name,
      List<String> cameraIds,
      Set<Scope> scopes,
      boolean remote,
      byte[] channelKey) {
    Display display = new Display(Ids.newId("dsp"), name, System.currentTimeMillis());
    return db.write(
        c -> {
          Sql.update(
              c,
              "INSERT INTO display (id, name, paired_at, paired_by, channel_key)"
                  + " VALUES (?, ?, ?, ?, ?)",
              display.id(),
              display.name(),
              display.pairedAt(),
              owner.auditName(),
              channelKey);
          for (String cameraId : cameraIds) {
            Grant grant =
                GrantStore.insert(
                    c, PrincipalKind.DISPLAY, display.id(), cameraId, scopes, remote, null);
            AuditLog.append(c, owner, "grant.put", grant.id(), grant.toJson());
          }
          IssuedToken token =
              TokenStore.issue(
                  c, owner, PrincipalKind.DISPLAY, display.id(), "display " + name, null);
          AuditLog.append(
              c,
              owner,
              "display.pair",
              display.id(),
              display.toJson().put("cameras", cameraIds).put("token_id", token.token().id()));
          return new Paired(display, token.secret());
        });
  }

  /** The name of the paired display {@code id}, if it is paired. */
  public static Optional<String> nameOf(Connection c, String id) throws SQLException {
    return Sql.one(c, "SELECT name FROM display WHERE id = ?", r -> r.getString(1), id);
  }

  public Future<List<Display>> list() {
    return db.read(
        c ->
            Sql.list(
                c,
                "SELECT id, name, paired_at FROM display ORDER BY paired_at",
                DisplayStore::row));
  }

  /** A paired display's pinned channel key and the token it was paired with. */
  // The array is copied out of the row and not shared.
  @SuppressWarnings("ArrayRecordComponent")
  public record ChannelPin(String displayId, byte[] key, String tokenId) {}

  /**
   * The displays that pinned a channel key at pairing, each with its live token: a display
   * unpaired, or whose token was revoked, is not here.
   */
  public Future<List<ChannelPin>> channelPins() {
    return db.read(
        c ->
            Sql.list(
                c,
                "SELECT d.id, d.channel_key, t.id AS token_id FROM display d JOIN token t"
                    + " ON t.principal_kind = 'display' AND t.principal_id = d.id"
                    + " AND t.revoked_at IS NULL WHERE d.channel_key IS NOT NULL",
                r ->
                    new ChannelPin(
                        r.getString("id"), r.getBytes("channel_key"), r.getString("token_id"))));
  }

  /**
   * Renames a paired display (its token's default name "display ..." follows) and audits the old
   * and the new name; the display reads its name from the hub on its next request.
   */
  public Future<Display> rename(Principal owner, String id, String name) {
    return db.write(
        c -> {
          Display old =
              Sql.one(
                      c,
                      "SELECT id, name, paired_at FROM display WHERE id = ?",
                      DisplayStore::row,
                      id)
                  .orElseThrow(() -> HubException.notFound("no display with id " + id));
          Sql.update(c, "UPDATE display SET name = ? WHERE id = ?", name, id);
          Sql.update(
              c,
              "UPDATE token SET name = ? WHERE principal_kind = 'display' AND principal_id = ?"
                  + " AND name = ?",
              "display " + name,
              id,
              "display " + old.name());
          AuditLog.append(
              c,
              owner,
              "display.rename",
              id,
              new JsonObject().put("from", old.name()).put("name", name));
          return new Display(id, name, old.pairedAt());
        });
  }

  /** Unpairs a display: its grants go, its tokens are revoked, in one transaction. */
  public Future<Void> revoke(Principal owner, String id) {
    return db.write(
        c -> {
          if (Sql.update(c, "DELETE FROM display WHERE id = ?", id) != 1) {
            throw HubException.notFound("no display with id " + id);
          }
          Sql.update(
              c, "DELETE FROM \"grant\" WHERE principal_kind = 'display' AND principal_id = ?", id);
          Sql.update(
              c,
              "UPDATE token SET revoked_at = ? WHERE principal_kind = 'display'"
                  + " AND principal_id = ? AND revoked_at IS NULL",
              System.currentTimeMillis(),
              id);
          AuditLog.append(c, owner, "display.revoke", id, new JsonObject());
          return null;
        });
  }

  private static Display row(ResultSet row) throws SQLException {
    return new Display(row.getString("id"), row.getString("name"), row.getLong("paired_at"));
  }
}
