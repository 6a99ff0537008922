package io.hearth.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration 013 on a database of version 12: a grant that named an automation's token id (the only
 * form that used to work) now names the automation (aut_), replacing a dead aut_ grant on the same
 * target; other grants keep their target, and a device grant still goes with its device.
 */
class GrantMigrationTest {
  @TempDir Path dir;

  @Test
  void tokenIdGrantsMoveToTheAutomationAndDeviceGrantsKeepTheirCascade() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("h.db"))) {
      Migrations.apply(c, 12);
      c.createStatement().execute("PRAGMA foreign_keys=ON");
      Sql.update(
          c,
          "INSERT INTO device (id, kind, name, protocol, created_at) VALUES ('dev_a', 'sensor', 'A', 'demo', 1)");
      Sql.update(
          c,
          "INSERT INTO device (id, kind, name, protocol, created_at) VALUES ('cam_b', 'camera', 'B', 'rtsp', 1)");
      Sql.update(
          c,
          "INSERT INTO token (id, hash, hint, name, principal_kind, principal_id, created_at)"
              + " VALUES ('tok_1', X'01', 'h', 'n', 'automation', 'aut_1', 1)");
      grant(c, "grt_old", "automation", "tok_1", "device", "dev_a", "events,control");
      grant(c, "grt_dead", "automation", "aut_1", "device", "dev_a", "events");
      grant(c, "grt_cam", "member", "mem_1", "camera", "cam_b", "live");

      Migrations.apply(c, 13);

      assertEquals(
          List.of(
              "grt_cam member mem_1 camera cam_b cam_b",
              "grt_old automation aut_1 device dev_a dev_a"),
          Sql.list(
              c,
              "SELECT id, principal_kind, principal_id, target_kind, target_id, device_id"
                  + " FROM \"grant\" ORDER BY id",
              r ->
                  String.join(
                      " ",
                      r.getString(1),
                      r.getString(2),
                      r.getString(3),
                      r.getString(4),
                      r.getString(5),
                      r.getString(6))));
      Sql.update(c, "DELETE FROM device WHERE id = 'cam_b'");
      assertEquals(
          List.of("grt_old"), Sql.list(c, "SELECT id FROM \"grant\"", r -> r.getString(1)));
    }
  }

  private static void grant(
      Connection c,
      String id,
      String kind,
      String who,
      String targetKind,
      String target,
      String scopes)
      throws Exception {
    Sql.update(
        c,
        "INSERT INTO \"grant\" (id, principal_kind, principal_id, target_kind, target_id, scopes,"
            + " created_at) VALUES (?, ?, ?, ?, ?, ?, 1)",
        id,
        kind,
        who,
        targetKind,
        target,
        scopes);
  }
}
