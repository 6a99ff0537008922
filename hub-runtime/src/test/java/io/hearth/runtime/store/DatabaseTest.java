package io.hearth.runtime.store;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.testing.TestDatabase;
import java.nio.file.Files;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class DatabaseTest {
  @RegisterExtension final TestDatabase store = new TestDatabase();

  @Test
  void walModeAndFullSyncAndSchemaVersion() throws Exception {
    assertEquals("wal", get(store.db().read(c -> one(c, "PRAGMA journal_mode"))));
    assertEquals(
        String.valueOf(Migrations.SCRIPTS.size()),
        get(store.db().read(c -> one(c, "PRAGMA user_version"))));
  }

  @Test
  void databaseFileIsReadableByOwnerOnly() throws Exception {
    assertEquals(SecureFiles.OWNER_ONLY_FILE, Files.getPosixFilePermissions(store.file()));
  }

  @Test
  void failedWorkRollsBackAndIsReportedAsConflict() throws Exception {
    get(
        store
            .db()
            .write(
                c ->
                    Sql.update(c, "INSERT INTO home (id, name, created_at) VALUES ('h', 'x', 1)")));
    Throwable failure =
        store
            .db()
            .write(
                c -> {
                  Sql.update(
                      c,
                      "INSERT INTO member (id, name, role, created_at) VALUES ('m', 'a', 'adult', 1)");
                  return Sql.update(
                      c, "INSERT INTO home (id, name, created_at) VALUES ('h', 'dup', 1)");
                })
            .toCompletionStage()
            .handle((v, e) -> e)
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    HubException error =
        assertInstanceOf(
            HubException.class,
            failure.getCause() == null
                ? failure
                : failure instanceof HubException ? failure : failure.getCause());
    assertEquals(409, error.status());
    assertEquals("0", get(store.db().read(c -> one(c, "SELECT count(*) FROM member"))));
  }

  @Test
  void everyWriteMovesTheGenerationBeforeItsFutureCompletesCommittedOrRolledBack()
      throws Exception {
    long before = store.db().generation();
    get(store.db().read(c -> one(c, "SELECT 1")));
    assertEquals(before, store.db().generation(), "a read moved the generation");
    CompletableFuture<long[]> seen = new CompletableFuture<>();
    store
        .vertx()
        .runOnContext(
            v ->
                store
                    .db()
                    .write(
                        c ->
                            Sql.update(
                                c, "INSERT INTO home (id, name, created_at) VALUES ('h', 'x', 1)"))
                    .onComplete(
                        committed -> {
                          long afterCommit = store.db().generation();
                          store
                              .db()
                              .<Void>write(
                                  c -> {
                                    Sql.update(c, "UPDATE home SET name = 'y'");
                                    throw HubException.conflict("rolled back on purpose");
                                  })
                              .onComplete(
                                  rolledBack ->
                                      seen.complete(
                                          new long[] {
                                            committed.succeeded() ? afterCommit : -1,
                                            rolledBack.failed() ? store.db().generation() : -1
                                          }));
                        }));
    long[] generations = seen.get(10, TimeUnit.SECONDS);
    assertEquals(before + 1, generations[0], "seen as the committed write completed");
    assertEquals(before + 2, generations[1], "seen as the rolled-back write completed");
    assertEquals("x", get(store.db().read(c -> one(c, "SELECT name FROM home"))));
  }

  @Test
  void writesOutsideAccessLeaveTheGenerationAndMayNotTouchAccessTables() throws Exception {
    get(
        store
            .db()
            .write(
                c ->
                    Sql.update(c, "INSERT INTO home (id, name, created_at) VALUES ('h', 'x', 1)")));
    long before = store.db().generation();
    get(
        store
            .db()
            .writeOutsideAccess(
                c ->
                    Sql.update(
                        c,
                        "INSERT INTO module_schema (module, version, updated_at)"
                            + " VALUES ('t', 0, 1)")));
    assertEquals(before, store.db().generation(), "a write outside access moved the generation");
    for (String sql :
        List.of(
            "UPDATE home SET name = 'y'",
            "UPDATE \"grant\" SET expires_at = 1",
            "DELETE FROM token",
            "delete from Member where id = 'm'",
            "UPDATE display SET name = 'z'",
            "DELETE FROM camera WHERE id IN (SELECT id FROM camera)")) {
      Throwable refused =
          store
              .db()
              .writeOutsideAccess(c -> Sql.update(c, sql))
              .toCompletionStage()
              .handle((ok, e) -> e)
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      assertTrue(
          refused != null && String.valueOf(refused.getCause()).contains("use Database.write"),
          sql + " was not refused: " + refused);
    }
    Statement[] viaStatement = new Statement[1];
    Throwable refused =
        store
            .db()
            .writeOutsideAccess(
                c -> {
                  viaStatement[0] = c.createStatement();
                  return viaStatement[0].executeUpdate("UPDATE home SET name = 'q'");
                })
            .toCompletionStage()
            .handle((ok, e) -> e)
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertTrue(refused != null, "a plain Statement got past the guard");
    assertEquals("x", get(store.db().read(c -> one(c, "SELECT name FROM home"))));
  }

  @Test
  void accessTableNamesAreWholeWords() {
    assertEquals("token", AccessTables.named("DELETE FROM token WHERE id = ?"));
    assertEquals("grant", AccessTables.named("UPDATE \"grant\" SET x = 1"));
    assertEquals("camera", AccessTables.named("SELECT * FROM CAMERA"));
    for (String harmless :
        List.of(
            "INSERT INTO mqtt_session (client_id, token_id) VALUES (?, ?)",
            "INSERT INTO event (id, device_id, camera_id) VALUES (?, ?, ?)",
            "INSERT INTO device_state (device_id) SELECT id FROM device",
            "DELETE FROM mqtt_queued WHERE client_id = ?")) {
      assertEquals(null, AccessTables.named(harmless), harmless);
    }
  }

  @Test
  void readsDoNotRunOnTheCallersThread() throws Exception {
    String caller = Thread.currentThread().getName();
    String worker = get(store.db().read(c -> Thread.currentThread().getName()));
    assertNotEquals(caller, worker);
    assertTrue(worker.startsWith("hearth-db-reader"), worker);
  }

  @Test
  void migrationScriptSplitsIntoStatements() {
    List<String> statements =
        Migrations.statements("-- c\nCREATE TABLE a (x);\nCREATE TABLE b (y);\n");
    assertEquals(List.of("CREATE TABLE a (x)", "CREATE TABLE b (y)"), statements);
  }

  private static String one(java.sql.Connection c, String sql) throws java.sql.SQLException {
    return Sql.one(c, sql, row -> row.getString(1)).orElseThrow();
  }
}
