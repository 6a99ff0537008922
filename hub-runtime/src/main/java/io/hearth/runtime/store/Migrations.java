package io.hearth.runtime.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations, applied in order at start, each in its own transaction. The schema
 * version is SQLite's {@code user_version}; a database newer than this code is refused rather than
 * misread.
 */
final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** In order; never edit a released one, add the next. */
  static final List<String> SCRIPTS =
      List.of(
          "001-foundation.sql",
          "002-cameras-and-displays.sql",
          "003-devices-and-events.sql",
          "004-mqtt-broker.sql",
          "005-discovery.sql",
          "006-coap-devices.sql",
          "007-following-is-earned.sql",
          "008-camera-secrets.sql",
          "009-sensor-attributes.sql",
          "010-module-schemas.sql",
          "011-principal-names.sql",
          "012-display-channel-key.sql",
          "013-grant-targets-and-rooms.sql",
          "014-restream.sql",
          "015-signin.sql",
          "016-settings.sql",
          "017-signin-passkey.sql");

  /** Work a script cannot do in SQL, run after it in the same transaction. */
  private static final Map<String, SqlWork<Void>> AFTER =
      Map.of(
          "008-camera-secrets.sql",
          c -> {
            SplitCameraSecrets.run(c);
            return null;
          });

  private Migrations() {}

  static void apply(Connection connection) throws SQLException {
    apply(connection, SCRIPTS.size());
  }

  /** Applies the migrations up to {@code target} only; tests build older databases with it. */
  static void apply(Connection connection, int target) throws SQLException {
    int current = userVersion(connection);
    if (current > SCRIPTS.size()) {
      throw new SQLException(
          "the database has schema version "
              + current
              + " but this hub knows only up to "
              + SCRIPTS.size()
              + "; it was written by a newer Hearth. Install that version again");
    }
    for (int version = current + 1; version <= target; version++) {
      applyOne(connection, version, SCRIPTS.get(version - 1));
    }
  }

  private static void applyOne(Connection connection, int version, String script)
      throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(read(script))) {
        statement.execute(sql);
      }
      if (AFTER.containsKey(script)) {
        AFTER.get(script).run(connection);
      }
      statement.execute("PRAGMA user_version=" + version);
      connection.commit();
      LOG.info("database schema migrated to version {} ({})", version, script);
    } catch (SQLException e) {
      connection.rollback();
      throw new SQLException("migration " + script + " failed: " + e.getMessage(), e);
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static int userVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }

  /** Splits a script on semicolons at line ends; our scripts hold no triggers or string ';'. */
  static List<String> statements(String script) {
    return java.util.Arrays.stream(script.replaceAll("(?m)^\\s*--.*$", "").split(";\\s*\\n"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
        .toList();
  }

  private static String read(String script) throws SQLException {
    return read(Migrations.class, "migrations/" + script);
  }

  /** A script resource relative to {@code anchor}'s package. */
  static String read(Class<?> anchor, String script) throws SQLException {
    try (InputStream in = anchor.getResourceAsStream(script)) {
      if (in == null) {
        throw new SQLException("migration script missing from the build: " + script);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SQLException("cannot read migration " + script, e);
    }
  }
}
