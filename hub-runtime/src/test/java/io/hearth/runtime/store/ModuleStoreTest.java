package io.hearth.runtime.store;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.store.testmodule.Anchor;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module reaches its own tables and nothing else: not the hub's tokens and grants, not another
 * module's rows, not even inside a sub-select, however its SQL is written.
 */
class ModuleStoreTest {
  @TempDir Path dir;
  private Vertx vertx;
  private Database db;
  private ModuleStore notes;

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    db = Database.open(vertx, dir.resolve("hearth.db"));
    get(db.migrate("notes", ModuleSchema.of(Anchor.class, "001-notes.sql")));
    get(db.migrate("other", ModuleSchema.of(Anchor.class, "001-other.sql")));
    get(db.forModule("other").write(c -> Sql.update(c, "INSERT INTO test_other VALUES (1, 's')")));
    get(
        db.write(
            c -> TokenStore.issue(c, Principal.HUB, PrincipalKind.AUTOMATION, "x", "t", null)));
    notes = db.forModule("notes");
  }

  @AfterEach
  void close() {
    db.close();
    vertx.close();
  }

  @Test
  void aModuleReadsAndWritesItsOwnTablesWithoutMovingTheAccessGeneration() throws Exception {
    long before = db.generation();
    get(notes.write(c -> Sql.update(c, "INSERT INTO test_note (id, text) VALUES (1, 'mine')")));
    List<String> read =
        get(notes.read(c -> Sql.list(c, "SELECT text FROM test_note", r -> r.getString(1))));
    assertEquals(List.of("mine"), read);
    assertEquals(before, db.generation(), "a module's own rows hold no access decision");
  }

  @Test
  void theHubsTablesAreRefusedInEveryForm() {
    for (String sql :
        List.of(
            "SELECT hash FROM token",
            "SELECT text FROM test_note WHERE id IN (SELECT 1 FROM \"grant\")",
            "SELECT t.text FROM test_note t, member m",
            "UPDATE token SET revoked_at = NULL")) {
      String message = refused(sql);
      assertTrue(message.contains("module notes may use only its own tables"), message);
    }
  }

  @Test
  void anotherModulesTableIsRefusedAndItsRowsStayUnread() throws Exception {
    String message = refused("SELECT secret FROM test_other");
    assertTrue(message.contains("'test_other'"), message);
    assertEquals(
        List.of("s"),
        get(
            db.forModule("other")
                .read(c -> Sql.list(c, "SELECT secret FROM test_other", r -> r.getString(1)))));
  }

  private String refused(String sql) {
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> get(notes.write(c -> Sql.list(c, sql, r -> r.getString(1)))),
            "the store ran: " + sql);
    Throwable cause = e.getCause();
    while (cause != null && !(cause instanceof SQLException)) {
      cause = cause.getCause();
    }
    return assertInstanceOf(SQLException.class, cause, String.valueOf(e.getCause())).getMessage();
  }
}
