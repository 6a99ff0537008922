package io.hearth.runtime.device;

import io.hearth.runtime.store.Sql;
import io.vertx.core.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How device events are stored: the {@code event} history and the {@code device_state} table of
 * each capability's latest value, written together in batches.
 */
final class EventRows {
  private static final String COLUMNS =
      "SELECT id, device_id, kind, capability, value, unit, at FROM event";

  private EventRows() {}

  static long lastId(Connection c) throws SQLException {
    return Sql.one(c, "SELECT coalesce(max(id), 0) FROM event", r -> r.getLong(1)).orElse(0L);
  }

  static Void write(Connection c, List<DeviceEvent> batch) throws SQLException {
    Map<String, DeviceEvent> latest = new LinkedHashMap<>();
    try (PreparedStatement insert =
        c.prepareStatement(
            // A device removed meanwhile keeps no history (its adapter may still have been
            // talking).
            "INSERT INTO event (id, device_id, kind, capability, value, unit, at)"
                + " SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM device WHERE id = ?)")) {
      for (DeviceEvent e : batch) {
        insert.setLong(1, e.id());
        insert.setString(2, e.deviceId());
        insert.setString(3, e.kind());
        insert.setString(4, e.capability() == null ? null : e.capability().wireName());
        insert.setString(5, e.value() == null ? null : Json.encode(e.value()));
        insert.setString(6, e.unit());
        insert.setLong(7, e.at());
        insert.setString(8, e.deviceId());
        insert.addBatch();
        if (DeviceEvent.STATE.equals(e.kind()) && e.capability() != null) {
          latest.put(e.deviceId() + "/" + e.capability().wireName(), e);
        }
      }
      insert.executeBatch();
    }
    writeState(c, latest.values());
    return null;
  }

  private static void writeState(Connection c, Iterable<DeviceEvent> states) throws SQLException {
    try (PreparedStatement upsert =
        c.prepareStatement(
            "INSERT INTO device_state (device_id,"
                + " capability, value, unit, at) SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM"
                + " device WHERE id = ?) ON CONFLICT (device_id, capability) DO UPDATE SET"
                + " value = excluded.value, unit = excluded.unit, at = excluded.at"
                + " WHERE excluded.at >= device_state.at")) {
      for (DeviceEvent e : states) {
        upsert.setString(1, e.deviceId());
        upsert.setString(2, e.capability().wireName());
        upsert.setString(3, Json.encode(e.value()));
        upsert.setString(4, e.unit());
        upsert.setLong(5, e.at());
        upsert.setString(6, e.deviceId());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  static List<DeviceEvent> history(
      Connection c, String deviceId, Capability capability, long from, long to, int limit)
      throws SQLException {
    String cap = capability == null ? null : capability.wireName();
    return Sql.list(
        c,
        COLUMNS
            + " WHERE device_id = ? AND (? IS NULL OR"
            + " capability = ?) AND at >= ? AND at <= ? ORDER BY at, id LIMIT ?",
        EventRows::row,
        deviceId,
        cap,
        cap,
        from,
        to,
        limit);
  }

  static List<DeviceEvent> after(Connection c, long id, int limit) throws SQLException {
    return Sql.list(c, COLUMNS + " WHERE id > ? ORDER BY id LIMIT ?", EventRows::row, id, limit);
  }

  static List<DeviceEvent> state(Connection c, String deviceId) throws SQLException {
    return Sql.list(
        c,
        "SELECT 0 AS id, device_id, 'state' AS kind, capability,"
            + " value, unit, at FROM device_state WHERE device_id = ? ORDER BY capability",
        EventRows::row,
        deviceId);
  }

  /** Deletes events older than {@code cutoff} and beyond the newest {@code maxRows}. */
  static int prune(Connection c, long cutoff, long maxRows) throws SQLException {
    return Sql.update(c, "DELETE FROM event WHERE at < ?", cutoff)
        + Sql.update(c, "DELETE FROM event WHERE id <= (SELECT max(id) FROM event) - ?", maxRows);
  }

  static DeviceEvent row(ResultSet row) throws SQLException {
    String capability = row.getString("capability");
    String value = row.getString("value");
    return new DeviceEvent(
        row.getLong("id"),
        row.getString("device_id"),
        row.getString("kind"),
        capability == null ? null : Capability.fromWireName(capability).orElse(null),
        value == null ? null : Json.decodeValue(value),
        row.getString("unit"),
        row.getLong("at"));
  }
}
