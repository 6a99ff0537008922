package io.hearth.runtime.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a module's own scripts (its {@link ModuleSchema}) inside one write transaction: those
 * after the version recorded in {@code module_schema}, then the new version. A database a newer
 * module wrote is refused, as the hub's own migrations refuse a newer schema.
 */
final class ModuleMigrations {
  private static final Logger LOG = LoggerFactory.getLogger(ModuleMigrations.class);

  private ModuleMigrations() {}

  static Void apply(Connection c, String module, ModuleSchema schema) throws SQLException {
    int current = version(c, module);
    int known = schema.scripts().size();
    if (current > known) {
      throw new SQLException(
          "module "
              + module
              + " has schema version "
              + current
              + " in the database but this build knows only up to "
              + known
              + "; it was written by a newer Hearth. Install that version again");
    }
    for (int version = current + 1; version <= known; version++) {
      run(c, schema, schema.scripts().get(version - 1));
      record(c, module, version);
      LOG.info("module {} schema migrated to version {}", module, version);
    }
    return null;
  }

  private static void run(Connection c, ModuleSchema schema, String script) throws SQLException {
    String text = Migrations.read(schema.anchor(), "migrations/" + script);
    try (Statement statement = c.createStatement()) {
      for (String sql : Migrations.statements(text)) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new SQLException("migration " + script + " failed: " + e.getMessage(), e);
    }
  }

  private static int version(Connection c, String module) throws SQLException {
    return Sql.one(
            c,
            "SELECT version FROM module_schema WHERE module = ?",
            r -> r.getInt("version"),
            module)
        .orElse(0);
  }

  private static void record(Connection c, String module, int version) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO module_schema (module, version, updated_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (module) DO UPDATE SET version = excluded.version,"
            + " updated_at = excluded.updated_at",
        module,
        version,
        System.currentTimeMillis());
  }
}
