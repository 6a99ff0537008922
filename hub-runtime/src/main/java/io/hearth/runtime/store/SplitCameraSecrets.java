package io.hearth.runtime.store;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.UrlSecrets;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The Java half of migration 007: splits the secrets out of the camera URLs already stored (query
 * values into {@code camera_secret}, user-info into the username and password columns when those
 * are empty) and masks the URLs that earlier camera entries of the audit log recorded.
 */
final class SplitCameraSecrets {
  private SplitCameraSecrets() {}

  static void run(Connection c) throws SQLException {
    for (Stored row : stored(c)) {
      split(c, row);
    }
    maskAudit(c);
  }

  private record Stored(String id, String url, String snapshot, String username) {}

  private static List<Stored> stored(Connection c) throws SQLException {
    return Sql.list(
        c,
        "SELECT device_id, url, snapshot_url, username FROM camera",
        row ->
            new Stored(
                row.getString("device_id"),
                row.getString("url"),
                row.getString("snapshot_url"),
                row.getString("username")));
  }

  private static void split(Connection c, Stored row) throws SQLException {
    Camera camera;
    try {
      URI snapshot = row.snapshot() == null ? null : URI.create(row.snapshot());
      camera = new Camera(row.id(), "", URI.create(row.url()), snapshot, null);
    } catch (IllegalArgumentException e) {
      // Not a URL this hub could use anyway: masked, so no secret in it survives.
      Sql.update(
          c,
          "UPDATE camera SET url = ?, snapshot_url = ? WHERE device_id = ?",
          UrlSecrets.redact(row.url()),
          UrlSecrets.redact(row.snapshot()),
          row.id());
      return;
    }
    Sql.update(
        c,
        "UPDATE camera SET url = ?, snapshot_url = ? WHERE device_id = ?",
        camera.url().toString(),
        camera.snapshotUrl() == null ? null : camera.snapshotUrl().toString(),
        row.id());
    if (row.username() == null && camera.credentials() != null) {
      Sql.update(
          c,
          "UPDATE camera SET username = ?, password = ? WHERE device_id = ?",
          camera.credentials().username(),
          camera.credentials().password(),
          row.id());
    }
    CameraSecrets.write(c, camera);
  }

  private static void maskAudit(Connection c) throws SQLException {
    List<String[]> rows =
        Sql.list(
            c,
            "SELECT id, detail FROM audit WHERE action LIKE 'camera.%' AND detail IS NOT NULL",
            row -> new String[] {row.getString("id"), row.getString("detail")});
    for (String[] row : rows) {
      JsonObject detail = new JsonObject(row[1]);
      for (String field : List.of("url", "snapshot_url")) {
        if (detail.getValue(field) instanceof String url) {
          detail.put(field, UrlSecrets.redact(url));
        }
      }
      Sql.update(c, "UPDATE audit SET detail = ? WHERE id = ?", detail.encode(), row[0]);
    }
  }
}
