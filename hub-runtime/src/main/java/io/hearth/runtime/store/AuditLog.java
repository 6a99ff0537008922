package io.hearth.runtime.store;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The audit log: every grant, pairing, revocation, token and stream session, with who did it.
 * Entries are appended in the same transaction as the change they record, so neither exists without
 * the other.
 */
public final class AuditLog {
  /** Most entries one page of the log returns. */
  public static final int MAX_PAGE = 500;

  private final Database db;

  public AuditLog(Database db) {
    this.db = db;
  }

  /** Appends inside the caller's write transaction. */
  public static void append(
      Connection c, Principal actor, String action, String target, JsonObject detail)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
        System.currentTimeMillis(),
        actor.auditName(),
        action,
        target,
        detail == null ? null : detail.encode());
  }

  /**
   * Records an action that changes nothing else (a stream session opened, say). No access decision
   * reads the audit log, so this does not move the store's write generation: 112 displays opening
   * sessions at once after a restart would otherwise make every open stream re-read its token and
   * grant after each of those entries.
   */
  public Future<Void> record(Principal actor, String action, String target, JsonObject detail) {
    return db.writeOutsideAccess(
        c -> {
          append(c, actor, action, target, detail);
          return null;
        });
  }

  /** Newest first; {@code before} is an entry id to page back from, or 0 for the newest. */
  public Future<List<JsonObject>> page(long before, int limit) {
    int size = Math.max(1, Math.min(limit, MAX_PAGE));
    return db.read(
        c ->
            Sql.list(
                c,
                "SELECT id, at, actor, action, target, detail FROM audit WHERE (? = 0 OR id < ?)"
                    + " ORDER BY id DESC LIMIT ?",
                row ->
                    new JsonObject()
                        .put("id", row.getLong("id"))
                        .put("at", Timestamps.iso(row.getLong("at")))
                        .put("actor", row.getString("actor"))
                        .put("action", row.getString("action"))
                        .put("target", row.getString("target"))
                        .put(
                            "detail",
                            row.getString("detail") == null
                                ? null
                                : new JsonObject(row.getString("detail"))),
                before,
                before,
                size));
  }
}
