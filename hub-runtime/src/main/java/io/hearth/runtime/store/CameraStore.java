package io.hearth.runtime.store;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Cameras: a device row (kind camera) and its camera row, written together. Credentials are kept
 * for the adapter (the database is readable by the hub's user only) and never returned by the API
 * or written to the audit log: user name and password in their columns, secret query values of the
 * URLs in {@code camera_secret} (the URL columns hold a placeholder in their place; see {@link
 * CameraSecrets}).
 */
public final class CameraStore {
  private static final String COLUMNS =
      "SELECT d.id, d.name, c.url, c.snapshot_url, c.username,"
          + " c.password, c.followed_host FROM device d JOIN camera c ON c.device_id = d.id";

  private final Database db;

  public CameraStore(Database db) {
    this.db = db;
  }

  public Future<List<Camera>> list() {
    return db.read(
        c ->
            CameraSecrets.attach(
                c, Sql.list(c, COLUMNS + " ORDER BY d.created_at, d.id", CameraStore::row)));
  }

  public Future<Camera> get(String id) {
    return db.read(c -> find(c, id)).map(found -> found.orElseThrow(() -> missing(id)));
  }

  /**
   * Adds a camera; a placeholder in a URL without a value for it is refused (400), since the camera
   * could never be reached with it.
   */
  public Future<Camera> create(Principal actor, String protocol, Camera draft) {
    Camera named =
        new Camera(
            Ids.newId("cam"),
            draft.name(),
            draft.url(),
            draft.snapshotUrl(),
            draft.credentials(),
            draft.secrets());
    return db.write(
        c -> {
          Camera camera = CameraSecrets.complete(named, Camera.Secrets.NONE);
          Sql.update(
              c,
              "INSERT INTO device (id, kind, name, protocol, created_at)"
                  + " VALUES (?, 'camera', ?, ?, ?)",
              camera.id(),
              camera.name(),
              protocol,
              System.currentTimeMillis());
          write(c, camera, true);
          AuditLog.append(c, actor, "camera.create", camera.id(), camera.toJson());
          return camera;
        });
  }

  /**
   * Changes a camera. A placeholder left in a URL keeps the stored secret of that parameter, so a
   * change that does not resend the secrets keeps them; the saved camera, secrets included, is
   * returned.
   */
  public Future<Camera> update(Principal actor, String protocol, Camera changed) {
    return db.write(
        c -> {
          Camera old = find(c, changed.id()).orElseThrow(() -> missing(changed.id()));
          Camera camera = CameraSecrets.complete(changed, old.secrets());
          Sql.update(
              c,
              "UPDATE device SET name = ?, protocol = ? WHERE id = ?",
              camera.name(),
              protocol,
              camera.id());
          write(c, camera, false);
          AuditLog.append(c, actor, "camera.update", camera.id(), camera.toJson());
          return camera;
        });
  }

  /** Removes the camera and, by cascade, every grant on it. */
  public Future<Void> delete(Principal actor, String id) {
    return db.write(
        c -> {
          if (Sql.update(c, "DELETE FROM device WHERE id = ? AND kind = 'camera'", id) != 1) {
            throw missing(id);
          }
          AuditLog.append(c, actor, "camera.delete", id, null);
          return null;
        });
  }

  private static void write(Connection c, Camera camera, boolean insert) throws SQLException {
    String username = camera.credentials() == null ? null : camera.credentials().username();
    String password = camera.credentials() == null ? null : camera.credentials().password();
    String snapshot = camera.snapshotUrl() == null ? null : camera.snapshotUrl().toString();
    if (insert) {
      Sql.update(
          c,
          "INSERT INTO camera (device_id, url, snapshot_url, username, password)"
              + " VALUES (?, ?, ?, ?, ?)",
          camera.id(),
          camera.url().toString(),
          snapshot,
          username,
          password);
    } else {
      Sql.update(
          c,
          // Only following sets followed_host; an edit that does not carry it keeps it (it matters
          // only while the URL stays on that host).
          "UPDATE camera SET url = ?, snapshot_url = ?, username = ?, password = ?,"
              + " followed_host = COALESCE(?, followed_host) WHERE device_id = ?",
          camera.url().toString(),
          snapshot,
          username,
          password,
          camera.followedHost(),
          camera.id());
    }
    CameraSecrets.write(c, camera);
  }

  static Optional<Camera> find(Connection c, String id) throws SQLException {
    Optional<Camera> found = Sql.one(c, COLUMNS + " WHERE d.id = ?", CameraStore::row, id);
    return found.isEmpty()
        ? found
        : Optional.of(CameraSecrets.attach(c, List.of(found.get())).get(0));
  }

  private static HubException missing(String id) {
    return HubException.notFound("no camera with id " + id);
  }

  private static Camera row(ResultSet row) throws SQLException {
    String snapshot = row.getString("snapshot_url");
    String username = row.getString("username");
    Camera.Credentials credentials =
        username == null ? null : new Camera.Credentials(username, row.getString("password"));
    return new Camera(
        row.getString("id"),
        row.getString("name"),
        URI.create(row.getString("url")),
        snapshot == null ? null : URI.create(snapshot),
        credentials,
        Camera.Secrets.NONE,
        row.getString("followed_host"));
  }
}
