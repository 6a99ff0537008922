package io.hearth.runtime.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables an access decision reads (home, member, display, grant, token, camera), and a guard
 * for {@link Database#writeOutsideAccess}: a connection whose statements may not name any of them.
 * A statement is checked by its SQL text before it is prepared or executed; naming such a table,
 * even in a sub-select, is refused with an {@link SQLException} that says which write to use.
 */
final class AccessTables {
  /** Whole words only: {@code token_id} or {@code camera_id} columns are not the tables. */
  static final Pattern NAMES =
      Pattern.compile(
          "(?<![\\w\"])\"?(home|member|display|grant|token|camera)\"?(?![\\w\"])",
          Pattern.CASE_INSENSITIVE);

  private AccessTables() {}

  /** {@code connection} for work that must leave access tables alone. */
  static Connection guard(Connection connection) {
    return StatementGuard.guard(connection, AccessTables::check);
  }

  /** The first access table {@code sql} names, or null. */
  static String named(String sql) {
    Matcher m = NAMES.matcher(sql);
    return m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : null;
  }

  private static void check(String sql) throws SQLException {
    String table = named(sql);
    if (table != null) {
      throw new SQLException(
          "a write outside access names the access table '"
              + table
              + "' ("
              + sql
              + "); use Database.write so open stream sessions see the change");
    }
  }
}
