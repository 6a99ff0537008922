package io.hearth.runtime.testing;

import io.hearth.runtime.store.Database;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh hub database for each test: a Vert.x and {@link Database#open} on a file in a new
 * temporary directory, closed and deleted after the test. Register it as {@code @RegisterExtension
 * final TestDatabase store = new TestDatabase();} and use {@link #db()}.
 */
public final class TestDatabase implements BeforeEachCallback, AfterEachCallback {
  private Path dir;
  private Vertx vertx;
  private Database db;

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    dir = TestDirs.create("hearth-db");
    vertx = Vertx.vertx();
    db = Database.open(vertx, file());
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    db.close();
    vertx.close();
    TestDirs.delete(dir);
  }

  public Vertx vertx() {
    return vertx;
  }

  public Database db() {
    return db;
  }

  /** The database's file. */
  public Path file() {
    return dir.resolve("hearth.db");
  }

  /** Adds these members (their ids, names and roles) as rows, so grants may name them. */
  public static void addMembers(Database db, io.hearth.runtime.domain.Principal... members)
      throws Exception {
    for (io.hearth.runtime.domain.Principal m : members) {
      Await.get(
          db.write(
              c ->
                  io.hearth.runtime.store.Sql.update(
                      c,
                      "INSERT INTO member (id, name, role, created_at) VALUES (?, ?, ?, 1)",
                      m.id(),
                      m.name(),
                      m.role().name().toLowerCase(java.util.Locale.ROOT))));
    }
  }
}
