package io.hearth.runtime.store;

import io.hearth.runtime.domain.Home;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** The home row: one per hub, made at first start. */
public final class HomeStore {
  private HomeStore() {}

  /** The home, if the hub has made it. */
  public static Optional<Home> find(Connection c) throws SQLException {
    return Sql.one(
        c,
        "SELECT id, name, created_at FROM home",
        row -> new Home(row.getString("id"), row.getString("name"), row.getLong("created_at")));
  }

  /** Records the home inside the caller's write transaction. */
  public static void insert(Connection c, Home home) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO home (id, name, created_at) VALUES (?, ?, ?)",
        home.id(),
        home.name(),
        home.createdAt());
  }
}
