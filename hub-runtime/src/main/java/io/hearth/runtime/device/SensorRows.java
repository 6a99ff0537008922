package io.hearth.runtime.device;

import io.hearth.runtime.store.Sql;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** How sensors are stored: a {@code device} row of kind sensor and its {@code sensor} row. */
final class SensorRows {
  private static final String COLUMNS =
      "SELECT d.id, d.name, d.protocol, d.created_at,"
          + " s.address, s.capabilities, s.attributes FROM device d JOIN sensor s ON s.device_id = d.id";

  private SensorRows() {}

  static List<SensorDevice> all(Connection c) throws SQLException {
    return Sql.list(c, COLUMNS + " ORDER BY d.created_at, d.id", SensorRows::row);
  }

  static Optional<SensorDevice> byId(Connection c, String id) throws SQLException {
    return Sql.one(c, COLUMNS + " WHERE d.id = ?", SensorRows::row, id);
  }

  static Optional<SensorDevice> byAddress(Connection c, String address) throws SQLException {
    return Sql.one(c, COLUMNS + " WHERE s.address = ?", SensorRows::row, address);
  }

  static void insert(Connection c, SensorDevice device) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO device (id, kind, name, protocol, created_at) VALUES (?, 'sensor', ?, ?, ?)",
        device.id(),
        device.name(),
        device.protocol(),
        device.createdAt());
    Sql.update(
        c,
        "INSERT INTO sensor (device_id, address, capabilities, attributes) VALUES (?, ?, ?, ?)",
        device.id(),
        device.address(),
        format(device.capabilities()),
        json(device.attributes()));
  }

  /** Deletes the device row (state and grants follow by cascade) and its history. */
  static void delete(Connection c, String id) throws SQLException {
    Sql.update(c, "DELETE FROM event WHERE device_id = ?", id);
    Sql.update(c, "DELETE FROM device WHERE id = ? AND kind = 'sensor'", id);
  }

  static void updateCapabilities(Connection c, String id, Set<Capability> all) throws SQLException {
    Sql.update(c, "UPDATE sensor SET capabilities = ? WHERE device_id = ?", format(all), id);
  }

  static void updateAttributes(Connection c, String id, Map<String, String> attributes)
      throws SQLException {
    Sql.update(c, "UPDATE sensor SET attributes = ? WHERE device_id = ?", json(attributes), id);
  }

  static String format(Set<Capability> capabilities) {
    return capabilities.stream()
        .sorted()
        .map(Capability::wireName)
        .collect(Collectors.joining(","));
  }

  private static String json(Map<String, String> attributes) {
    return new JsonObject(new java.util.HashMap<String, Object>(attributes)).encode();
  }

  private static SensorDevice row(ResultSet row) throws SQLException {
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    for (String name : row.getString("capabilities").split(",")) {
      Capability.fromWireName(name).ifPresent(caps::add);
    }
    return new SensorDevice(
        row.getString("id"),
        row.getString("name"),
        row.getString("protocol"),
        row.getString("address"),
        caps,
        row.getLong("created_at"),
        attributes(row.getString("attributes")));
  }

  private static Map<String, String> attributes(String json) {
    Map<String, String> attributes = new java.util.TreeMap<>();
    new JsonObject(json == null || json.isEmpty() ? "{}" : json)
        .forEach(e -> attributes.put(e.getKey(), String.valueOf(e.getValue())));
    return attributes;
  }
}
