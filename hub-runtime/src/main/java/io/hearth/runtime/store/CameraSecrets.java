package io.hearth.runtime.store;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.UrlSecrets;
import io.hearth.runtime.error.HubException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code camera_secret} table: the secret query values of camera URLs, one row per parameter,
 * kept apart from the URLs (which hold {@link UrlSecrets#PLACEHOLDER} in their place) so that no
 * read of a URL, by a person or a log line, carries a password.
 */
final class CameraSecrets {
  private static final String URL = "url";
  private static final String SNAPSHOT = "snapshot_url";

  private CameraSecrets() {}

  /** The cameras with their secrets read from the table. */
  static List<Camera> attach(Connection c, List<Camera> cameras) throws SQLException {
    if (cameras.isEmpty()) {
      return cameras;
    }
    Map<String, Map<String, Map<String, String>>> byCamera = new HashMap<>();
    String sql = "SELECT camera_id, field, name, value FROM camera_secret";
    Object[] args = cameras.size() == 1 ? new Object[] {cameras.get(0).id()} : new Object[0];
    Sql.list(
        c,
        cameras.size() == 1 ? sql + " WHERE camera_id = ?" : sql,
        row ->
            byCamera
                .computeIfAbsent(row.getString("camera_id"), k -> new HashMap<>())
                .computeIfAbsent(row.getString("field"), k -> new HashMap<>())
                .put(row.getString("name"), row.getString("value")),
        args);
    List<Camera> out = new ArrayList<>(cameras.size());
    for (Camera camera : cameras) {
      Map<String, Map<String, String>> fields = byCamera.getOrDefault(camera.id(), Map.of());
      Camera.Secrets secrets =
          new Camera.Secrets(
              fields.getOrDefault(URL, Map.of()), fields.getOrDefault(SNAPSHOT, Map.of()));
      out.add(with(camera, secrets));
    }
    return out;
  }

  /**
   * The camera with a value for every placeholder in its URLs: its own, else the stored one of the
   * same parameter; values whose parameter left the URL are dropped.
   *
   * @throws HubException 400 for a placeholder with no value anywhere
   */
  static Camera complete(Camera camera, Camera.Secrets stored) {
    Camera.Secrets secrets =
        new Camera.Secrets(
            values(camera.url(), camera.secrets().url(), stored.url(), URL),
            values(camera.snapshotUrl(), camera.secrets().snapshot(), stored.snapshot(), SNAPSHOT));
    return with(camera, secrets);
  }

  private static Map<String, String> values(
      URI url, Map<String, String> given, Map<String, String> stored, String field) {
    Map<String, String> values = new HashMap<>();
    for (String key : UrlSecrets.placeholders(url)) {
      String value = given.containsKey(key) ? given.get(key) : stored.get(key);
      if (value == null) {
        throw HubException.badRequest(
            "parameter '"
                + key
                + "' of field '"
                + field
                + "' is "
                + UrlSecrets.PLACEHOLDER
                + " but no value is stored for it; send its value");
      }
      values.put(key, value);
    }
    return values;
  }

  /** Replaces the camera's stored secrets with its current ones. */
  static void write(Connection c, Camera camera) throws SQLException {
    Sql.update(c, "DELETE FROM camera_secret WHERE camera_id = ?", camera.id());
    insert(c, camera.id(), URL, camera.secrets().url());
    insert(c, camera.id(), SNAPSHOT, camera.secrets().snapshot());
  }

  private static void insert(Connection c, String id, String field, Map<String, String> values)
      throws SQLException {
    for (Map.Entry<String, String> value : values.entrySet()) {
      Sql.update(
          c,
          "INSERT INTO camera_secret (camera_id, field, name, value) VALUES (?, ?, ?, ?)",
          id,
          field,
          value.getKey(),
          value.getValue());
    }
  }

  private static Camera with(Camera camera, Camera.Secrets secrets) {
    return new Camera(
        camera.id(),
        camera.name(),
        camera.url(),
        camera.snapshotUrl(),
        camera.credentials(),
        secrets,
        camera.followedHost());
  }
}
