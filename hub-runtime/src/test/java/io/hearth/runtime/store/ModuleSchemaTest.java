package io.hearth.runtime.store;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.store.testmodule.Anchor;
import io.hearth.runtime.testing.TestDatabase;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A module's own scripts: applied once each, in order, atomically, and never by an older build. */
class ModuleSchemaTest {
  private static final ModuleSchema ONE = ModuleSchema.of(Anchor.class, "001-notes.sql");
  private static final ModuleSchema TWO =
      ModuleSchema.of(Anchor.class, "001-notes.sql", "002-note-tags.sql");

  @RegisterExtension final TestDatabase store = new TestDatabase();

  @Test
  void scriptsRunOnceEachAndLaterOnesApplyOnTheNextStart() throws Exception {
    get(store.db().migrate("notes", ONE));
    get(
        store
            .db()
            .write(c -> Sql.update(c, "INSERT INTO test_note (id, text) VALUES (1, 'kept')")));
    get(store.db().migrate("notes", ONE)); // again: nothing runs, nothing is lost
    assertEquals("1", value("SELECT version FROM module_schema WHERE module = 'notes'"));

    get(store.db().migrate("notes", TWO));

    assertEquals("2", value("SELECT version FROM module_schema WHERE module = 'notes'"));
    assertEquals("kept/", value("SELECT text || '/' || tag FROM test_note WHERE id = 1"));
  }

  @Test
  void aTableTheHubMadeBeforeTheMoveKeepsItsRows() throws Exception {
    get(
        store
            .db()
            .write(
                c -> {
                  Sql.update(
                      c, "CREATE TABLE test_note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
                  return Sql.update(c, "INSERT INTO test_note VALUES (7, 'from an older hub')");
                }));

    get(store.db().migrate("notes", ONE));

    assertEquals("from an older hub", value("SELECT text FROM test_note WHERE id = 7"));
  }

  @Test
  void aScriptThatFailsLeavesNothingHalfDone() throws Exception {
    ModuleSchema broken =
        ModuleSchema.of(Anchor.class, "001-notes.sql", "002-note-tags.sql", "003-broken.sql");
    get(store.db().migrate("notes", ONE));

    Throwable failure = failure(store.db().migrate("notes", broken));

    assertInstanceOf(HubException.class, failure);
    assertEquals("1", value("SELECT version FROM module_schema WHERE module = 'notes'"));
    assertEquals("0", value("SELECT count(*) FROM sqlite_master WHERE name = 'test_half_made'"));
    assertEquals(
        "0", value("SELECT count(*) FROM pragma_table_info('test_note') WHERE name='tag'"));
  }

  @Test
  void anOlderBuildRefusesADatabaseANewerModuleWrote() throws Exception {
    get(store.db().migrate("notes", TWO));

    Throwable failure = failure(store.db().migrate("notes", ONE));

    String message = String.valueOf(failure.getCause().getMessage());
    assertTrue(message.contains("module notes has schema version 2"), message);
    assertTrue(message.contains("Install that version again"), message);
  }

  @Test
  void modulesKeepTheirVersionsApart() throws Exception {
    get(store.db().migrate("notes", ONE));
    get(store.db().migrate("other", ModuleSchema.NONE));
    assertEquals("1", value("SELECT version FROM module_schema WHERE module = 'notes'"));
    assertEquals("0", value("SELECT count(*) FROM module_schema WHERE module = 'other'"));
  }

  private String value(String sql) throws Exception {
    return get(
        store.db().read(c -> Sql.one(c, sql, r -> String.valueOf(r.getString(1))).orElse("")));
  }

  private static Throwable failure(io.vertx.core.Future<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> get(future));
    return e.getCause();
  }
}
