package io.hearth.runtime.store;

import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.RestreamCredential;
import io.hearth.runtime.domain.TokenSecrets;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The re-stream's switch per camera (off until the owner turns it on) and its credentials, one per
 * token and camera. Every write moves the store's write generation, so open re-streams are checked
 * again at once; every write is audited in its transaction.
 */
public final class RestreamStore {
  private static final String COLUMNS =
      "SELECT id, token_id, camera_id, username, secret_hash, digest_ha1, created_at"
          + " FROM restream_credential";

  private final Database db;

  public RestreamStore(Database db) {
    this.db = db;
  }

  /** A new credential and its secret, which is shown once and never stored. */
  public record Issued(RestreamCredential credential, String secret) {}

  /** Turns the camera's re-stream on or off; 404 if there is no such camera. */
  public Future<Void> enable(Principal actor, String cameraId, boolean on) {
    return db.write(
        c -> {
          int changed =
              Sql.update(
                  c, "UPDATE camera SET restream = ? WHERE device_id = ?", on ? 1 : 0, cameraId);
          if (changed != 1) {
            throw HubException.notFound("no camera with id " + cameraId);
          }
          JsonObject detail = new JsonObject().put("enabled", on);
          AuditLog.append(c, actor, "restream.set", cameraId, detail);
          return null;
        });
  }

  /** Whether the camera's re-stream is on (false for a camera that does not exist). */
  public Future<Boolean> enabled(String cameraId) {
    return db.read(c -> enabled(c, cameraId));
  }

  static boolean enabled(Connection c, String cameraId) throws SQLException {
    return Sql.one(
            c,
            "SELECT restream FROM camera WHERE device_id = ?",
            r -> r.getInt("restream") == 1,
            cameraId)
        .orElse(false);
  }

  /** Makes a credential for a token on a camera; 404 if either is missing. */
  public Future<Issued> issue(Principal actor, String tokenId, String cameraId) {
    String secret = TokenSecrets.newSecret().substring(TokenSecrets.PREFIX.length());
    String username = Ids.newId("rsu");
    RestreamCredential made =
        new RestreamCredential(
            Ids.newId("rsc"),
            tokenId,
            cameraId,
            username,
            TokenSecrets.hash(secret),
            RestreamCredential.ha1(username, secret),
            System.currentTimeMillis());
    return db.write(
        c -> {
          insert(c, made);
          AuditLog.append(c, actor, "restream.credential.create", made.id(), made.toJson());
          return new Issued(made, secret);
        });
  }

  private static void insert(Connection c, RestreamCredential made) throws SQLException {
    int inserted =
        Sql.update(
            c,
            "INSERT INTO restream_credential (id, token_id, camera_id, username, secret_hash,"
                + " digest_ha1, created_at) SELECT ?, ?, ?, ?, ?, ?, ? FROM camera, token"
                + " WHERE camera.device_id = ? AND token.id = ? AND token.revoked_at IS NULL",
            made.id(),
            made.tokenId(),
            made.cameraId(),
            made.username(),
            made.secretHash(),
            made.digestHa1(),
            made.createdAt(),
            made.cameraId(),
            made.tokenId());
    if (inserted != 1) {
      throw HubException.notFound(
          "no camera " + made.cameraId() + " or live token " + made.tokenId());
    }
  }

  /**
   * Whether the credential still exists for exactly this token and camera, and the camera's
   * re-stream is on: read now from the store, in one read.
   */
  public Future<Boolean> usable(String credentialId, String tokenId, String cameraId) {
    return db.read(
        c ->
            get(c, credentialId)
                    .filter(k -> k.tokenId().equals(tokenId) && k.cameraId().equals(cameraId))
                    .isPresent()
                && enabled(c, cameraId));
  }

  public Future<Optional<RestreamCredential>> byUsername(String username) {
    return db.read(c -> Sql.one(c, COLUMNS + " WHERE username = ?", RestreamStore::row, username));
  }

  public Future<Optional<RestreamCredential>> get(String id) {
    return db.read(c -> Sql.one(c, COLUMNS + " WHERE id = ?", RestreamStore::row, id));
  }

  static Optional<RestreamCredential> get(Connection c, String id) throws SQLException {
    return Sql.one(c, COLUMNS + " WHERE id = ?", RestreamStore::row, id);
  }

  public Future<List<RestreamCredential>> forCamera(String cameraId) {
    return db.read(
        c ->
            Sql.list(
                c,
                COLUMNS + " WHERE camera_id = ? ORDER BY created_at",
                RestreamStore::row,
                cameraId));
  }

  /** Deletes a credential; 404 if there is none by that id. */
  public Future<Void> delete(Principal actor, String id) {
    return db.write(
        c -> {
          if (Sql.update(c, "DELETE FROM restream_credential WHERE id = ?", id) != 1) {
            throw HubException.notFound("no re-stream credential with id " + id);
          }
          AuditLog.append(c, actor, "restream.credential.delete", id, null);
          return null;
        });
  }

  private static RestreamCredential row(ResultSet row) throws SQLException {
    return new RestreamCredential(
        row.getString("id"),
        row.getString("token_id"),
        row.getString("camera_id"),
        row.getString("username"),
        row.getBytes("secret_hash"),
        row.getString("digest_ha1"),
        row.getLong("created_at"));
  }
}
