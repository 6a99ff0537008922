package io.hearth.runtime.discovery;

import io.hearth.runtime.store.Sql;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** How inbox entries are stored: one {@code discovered} row per protocol and identity. */
final class InboxRows {
  static final String SELECT =
      "SELECT id, protocol, identity, kind, name, address, details, adoptable, state, adopted_id,"
          + " first_seen, last_seen, move FROM discovered";

  private InboxRows() {}

  static java.util.List<Discovered> all(Connection c) throws SQLException {
    return Sql.list(c, SELECT + " ORDER BY first_seen", InboxRows::row);
  }

  static int delete(Connection c, String id) throws SQLException {
    return Sql.update(c, "DELETE FROM discovered WHERE id = ?", id);
  }

  static void upsert(Connection c, Discovered d) throws SQLException {
    JsonObject details = new JsonObject();
    d.sighting().details().forEach(details::put);
    Sql.update(
        c,
        "INSERT INTO discovered (id, protocol, identity, kind, name, address, details, adoptable,"
            + " state, adopted_id, first_seen, last_seen, move) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?) ON CONFLICT (protocol, identity) DO UPDATE SET kind = excluded.kind,"
            + " name = excluded.name, address = excluded.address, details = excluded.details,"
            + " adoptable = excluded.adoptable, state = excluded.state, adopted_id ="
            + " excluded.adopted_id, last_seen = excluded.last_seen, move = excluded.move",
        d.id(),
        d.protocol(),
        d.sighting().identity(),
        d.sighting().kind(),
        d.sighting().name(),
        d.sighting().address(),
        details.encode(),
        d.sighting().adoptable() ? 1 : 0,
        d.state(),
        d.adoptedId(),
        d.firstSeen(),
        d.lastSeen(),
        d.move() == null ? null : d.move().stored());
  }

  static Discovered row(ResultSet r) throws SQLException {
    Map<String, String> details = new HashMap<>();
    new JsonObject(r.getString("details"))
        .forEach(e -> details.put(e.getKey(), String.valueOf(e.getValue())));
    Sighting s =
        new Sighting(
            r.getString("protocol"),
            r.getString("identity"),
            r.getString("kind"),
            r.getString("name"),
            r.getString("address"),
            details,
            r.getInt("adoptable") != 0);
    return new Discovered(
        r.getString("id"),
        s,
        r.getString("state"),
        r.getString("adopted_id"),
        r.getLong("first_seen"),
        r.getLong("last_seen"),
        Move.parse(r.getString("move")));
  }
}
