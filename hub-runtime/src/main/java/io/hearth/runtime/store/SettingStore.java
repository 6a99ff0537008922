package io.hearth.runtime.store;

import io.hearth.runtime.domain.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings the owner changed in the app ({@code hub_setting}): each overrides the configuration
 * file's value of its key. Every change is audited in the transaction that makes it.
 */
public final class SettingStore {
  private final Database db;

  public SettingStore(Database db) {
    this.db = db;
  }

  /** One stored value as text, who set it (the audit name) and when. */
  public record Stored(String value, String changedBy, long changedAt) {}

  /**
   * One change: {@code to} is the new value as text, or null to drop the app's value (the file's
   * value applies again); {@code detail} is what the audit log says about it.
   */
  public record Change(String name, String to, JsonObject detail) {}

  /** Every stored setting by key name. */
  public Future<Map<String, Stored>> all() {
    return db.read(SettingStore::all);
  }

  static Map<String, Stored> all(Connection c) throws SQLException {
    Map<String, Stored> all = new LinkedHashMap<>();
    for (Map.Entry<String, Stored> e :
        Sql.list(
            c,
            "SELECT name, value, changed_by, changed_at FROM hub_setting ORDER BY name",
            r ->
                Map.entry(
                    r.getString("name"),
                    new Stored(
                        r.getString("value"),
                        r.getString("changed_by"),
                        r.getLong("changed_at"))))) {
      all.put(e.getKey(), e.getValue());
    }
    return all;
  }

  /** Applies the changes in one transaction, each with its audit entry {@code setting.change}. */
  public Future<Void> save(Principal actor, List<Change> changes) {
    long now = System.currentTimeMillis();
    return db.write(
        c -> {
          for (Change change : changes) {
            if (change.to() == null) {
              Sql.update(c, "DELETE FROM hub_setting WHERE name = ?", change.name());
            } else {
              Sql.update(
                  c,
                  "INSERT INTO hub_setting (name, value, changed_by, changed_at) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (name) DO UPDATE SET value = excluded.value,"
                      + " changed_by = excluded.changed_by, changed_at = excluded.changed_at",
                  change.name(),
                  change.to(),
                  actor.auditName(),
                  now);
            }
            AuditLog.append(c, actor, "setting.change", change.name(), change.detail());
          }
          return null;
        });
  }
}
