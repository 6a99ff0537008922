package io.hearth.runtime.store;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Secret query values of camera URLs are stored apart from the URLs, and kept across changes. */
@Timeout(30)
class CameraSecretsTest {
  private static final String MARKER = "Mk7q2Zsecret";

  @TempDir Path dir;
  Vertx vertx = Vertx.vertx();
  Database db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
    vertx.close();
  }

  @Test
  void queryPasswordsLiveInTheirOwnTableAndComeBackOnlyForConnecting() throws Exception {
    db = Database.open(vertx, dir.resolve("hearth.db"));
    CameraStore store = new CameraStore(db);
    Camera made =
        get(
            store.create(
                Principal.HUB,
                "mjpeg",
                new Camera(
                    null,
                    "porch",
                    URI.create("http://cam/video.cgi?user=admin&pwd=" + MARKER),
                    URI.create("http://cam/snap.cgi?loginuse=admin&loginpas=" + MARKER),
                    null)));

    Camera read = get(store.get(made.id()));

    assertEquals("http://cam/video.cgi?user=***&pwd=***", read.url().toString());
    assertEquals("http://cam/video.cgi?user=admin&pwd=" + MARKER, read.connectUrl().toString());
    assertEquals(
        "http://cam/snap.cgi?loginuse=admin&loginpas=" + MARKER,
        read.connectSnapshotUrl().toString());
    assertFalse(column(db, "SELECT url || ' ' || snapshot_url FROM camera").contains(MARKER));
    assertFalse(column(db, "SELECT group_concat(detail) FROM audit").contains(MARKER));
    assertTrue(column(db, "SELECT group_concat(value) FROM camera_secret").contains(MARKER));
  }

  @Test
  void aChangeThatLeavesThePlaceholderKeepsTheSecretAndANewValueReplacesIt() throws Exception {
    db = Database.open(vertx, dir.resolve("hearth.db"));
    CameraStore store = new CameraStore(db);
    Camera made =
        get(
            store.create(
                Principal.HUB,
                "mjpeg",
                new Camera(null, "c", URI.create("http://cam/v?pwd=" + MARKER), null, null)));

    Camera renamed =
        get(
            store.update(
                Principal.HUB,
                "mjpeg",
                new Camera(made.id(), "renamed", URI.create("http://cam2/v?pwd=***"), null, null)));
    assertEquals("http://cam2/v?pwd=" + MARKER, renamed.connectUrl().toString());

    Camera changed =
        get(
            store.update(
                Principal.HUB,
                "mjpeg",
                new Camera(made.id(), "c", URI.create("http://cam2/v?pwd=new"), null, null)));
    assertEquals("http://cam2/v?pwd=new", get(store.get(changed.id())).connectUrl().toString());

    get(
        store.update(
            Principal.HUB,
            "mjpeg",
            new Camera(made.id(), "c", URI.create("http://cam2/v"), null, null)));
    assertEquals("0", column(db, "SELECT count(*) FROM camera_secret"));
  }

  @Test
  void aPlaceholderWithNoStoredValueIsRefused() {
    db = Database.open(vertx, dir.resolve("hearth.db"));
    Throwable failure =
        failure(
            new CameraStore(db)
                .create(
                    Principal.HUB,
                    "mjpeg",
                    new Camera(null, "c", URI.create("http://cam/v?pwd=***"), null, null)));
    HubException error = assertInstanceOf(HubException.class, failure);
    assertEquals(400, error.status());
    assertTrue(error.getMessage().contains("'pwd'"), error.getMessage());
  }

  @Test
  void migrationSplitsTheSecretsOfCamerasStoredBeforeIt() throws Exception {
    Path file = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      Migrations.apply(c, 6);
      String url = "rtsp://admin:" + MARKER + "@cam/live?channel=1&password=" + MARKER;
      Sql.update(c, "INSERT INTO device VALUES ('cam_old', 'camera', 'old', 'rtsp', 1)");
      Sql.update(
          c,
          "INSERT INTO camera (device_id, url, snapshot_url) VALUES ('cam_old', ?, ?)",
          url,
          "http://cam/snap?token=" + MARKER);
      Sql.update(
          c,
          "INSERT INTO audit (at, actor, action, target, detail) VALUES (1, 'owner',"
              + " 'camera.create', 'cam_old', ?)",
          "{\"url\":\"rtsp://cam/live?channel=1&password=" + MARKER + "\"}");
    }

    db = Database.open(vertx, file);
    Camera camera = get(new CameraStore(db).get("cam_old"));

    assertEquals("rtsp://cam/live?channel=1&password=***", camera.url().toString());
    assertEquals("rtsp://cam/live?channel=1&password=" + MARKER, camera.connectUrl().toString());
    assertEquals("http://cam/snap?token=" + MARKER, camera.connectSnapshotUrl().toString());
    assertEquals(new Camera.Credentials("admin", MARKER), camera.credentials());
    assertFalse(column(db, "SELECT url || ' ' || snapshot_url FROM camera").contains(MARKER));
    assertFalse(column(db, "SELECT detail FROM audit").contains(MARKER));
    assertTrue(Files.exists(file));
  }

  private static String column(Database db, String sql) throws Exception {
    return get(db.read(c -> Sql.one(c, sql, row -> String.valueOf(row.getString(1))).orElse("")));
  }

  private static Throwable failure(io.vertx.core.Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
