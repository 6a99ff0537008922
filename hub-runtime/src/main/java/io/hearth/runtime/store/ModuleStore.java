package io.hearth.runtime.store;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A module's way into the store: its own tables ({@link ModuleSchema}) and nothing else. Work runs
 * on the store's threads like the hub's own; every statement is checked before it runs, and one
 * that names a table of the hub or of another module fails with an {@link SQLException} naming the
 * table. A module's tables hold no access decision, so its writes never make open stream sessions
 * re-read their grants.
 */
public final class ModuleStore {
  private final Database database;
  private final TableOwners owners;
  private final String module;

  ModuleStore(Database database, TableOwners owners, String module) {
    this.database = database;
    this.owners = owners;
    this.module = module;
  }

  /** Runs read-only work on a reader connection. */
  public <T> Future<T> read(SqlWork<T> work) {
    return database.read(c -> work.run(guard(c)));
  }

  /** Runs work in one transaction on the writer thread; committed before the future completes. */
  public <T> Future<T> write(SqlWork<T> work) {
    return database.writeOutsideAccess(c -> work.run(guard(c)));
  }

  private Connection guard(Connection c) {
    return StatementGuard.guard(c, this::check);
  }

  private void check(String sql) throws SQLException {
    String table = owners.foreignTable(module, sql);
    if (table != null) {
      throw new SQLException(
          "module "
              + module
              + " may use only its own tables "
              + owners.ownedBy(module)
              + ", but this statement names '"
              + table
              + "'; reach the hub's data through the module context instead");
    }
  }
}
