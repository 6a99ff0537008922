package io.hearth.runtime.device;

import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.Sql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event history and current state. Appends are batched: queued in memory and written every 50
 * ms (or at 500 events) in one transaction, which updates the state table too, then published on
 * the event bus ({@link #ADDRESS}) with their ids, so every consumer (WebSocket, SSE, MQTT) sees
 * events in store order and can resume after a disconnect. Pruned by age and count.
 */
public final class EventStore {
  /** Event-bus address of persisted events (JSON of {@link DeviceEvent}). */
  public static final String ADDRESS = "hearth.events";

  static final int BATCH = 500;
  static final long FLUSH_MS = 50;
  static final int MAX_QUEUED = 100_000;
  private static final Logger LOG = LoggerFactory.getLogger(EventStore.class);
  private static final String COLUMNS =
      "SELECT id, device_id, kind, capability, value, unit, at FROM event";

  private final Vertx vertx;
  private final Database db;
  private final long retentionMs;
  private final long maxRows;
  private final List<DeviceEvent> queue = new ArrayList<>();
  private boolean flushing;
  private boolean overflowLogged;
  private long dropped;

  public EventStore(Vertx vertx, Database db, int retentionDays, long maxRows) {
    this.vertx = vertx;
    this.db = db;
    this.retentionMs = retentionDays * 86_400_000L;
    this.maxRows = maxRows;
  }

  /** Starts the flush and prune timers. */
  public void start() {
    vertx.setPeriodic(FLUSH_MS, id -> flush());
    vertx.setPeriodic(600_000, id -> prune());
  }

  /** Queues an event (id 0: the store assigns it); false if the queue is full (counted). */
  public synchronized boolean append(DeviceEvent event) {
    if (queue.size() >= MAX_QUEUED) {
      dropped++;
      if (!overflowLogged) {
        overflowLogged = true;
        LOG.warn(
            "event queue full ({} events): dropping new events until the store catches up",
            MAX_QUEUED);
      }
      return false;
    }
    queue.add(event);
    if (queue.size() >= BATCH && !flushing) {
      vertx.runOnContext(v -> flush());
    }
    return true;
  }

  public synchronized long dropped() {
    return dropped;
  }

  /** Writes what is queued; completes when it is on disk (for a graceful stop). */
  public Future<Void> flush() {
    List<DeviceEvent> batch;
    synchronized (this) {
      if (flushing || queue.isEmpty()) {
        return Future.succeededFuture();
      }
      flushing = true;
      batch = new ArrayList<>(queue);
      queue.clear();
      overflowLogged = false;
    }
    return db.write(c -> write(c, batch))
        .onComplete(
            done -> {
              synchronized (this) {
                flushing = false;
              }
              if (done.succeeded()) {
                done.result().forEach(e -> vertx.eventBus().publish(ADDRESS, e.toJson()));
              } else {
                LOG.error("could not store {} events: {}", batch.size(), done.cause().getMessage());
              }
            })
        .mapEmpty();
  }

  private static List<DeviceEvent> write(Connection c, List<DeviceEvent> batch)
      throws SQLException {
    List<DeviceEvent> stored = new ArrayList<>(batch.size());
    for (DeviceEvent e : batch) {
      String capability = e.capability() == null ? null : e.capability().wireName();
      String value = e.value() == null ? null : Json.encode(e.value());
      Sql.update(
          c,
          "INSERT INTO event (device_id, kind, capability, value, unit, at)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          e.deviceId(),
          e.kind(),
          capability,
          value,
          e.unit(),
          e.at());
      long id = Sql.one(c, "SELECT last_insert_rowid()", r -> r.getLong(1)).orElseThrow();
      if (DeviceEvent.STATE.equals(e.kind()) && capability != null) {
        Sql.update(
            c,
            "INSERT INTO device_state (device_id, capability, value, unit, at)"
                + " SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM device WHERE id = ?)"
                + " ON CONFLICT (device_id, capability) DO UPDATE SET value = excluded.value,"
                + " unit = excluded.unit, at = excluded.at WHERE excluded.at >= device_state.at",
            e.deviceId(),
            capability,
            value,
            e.unit(),
            e.at(),
            e.deviceId());
      }
      stored.add(
          new DeviceEvent(id, e.deviceId(), e.kind(), e.capability(), e.value(), e.unit(), e.at()));
    }
    return stored;
  }

  /** History of a device, oldest first, within [from, to], at most {@code limit}. */
  public Future<List<DeviceEvent>> history(
      String deviceId, Capability capability, long from, long to, int limit) {
    String cap = capability == null ? null : capability.wireName();
    return db.read(
        c ->
            Sql.list(
                c,
                COLUMNS
                    + " WHERE device_id = ? AND (? IS NULL OR"
                    + " capability = ?) AND at >= ? AND at <= ? ORDER BY at, id LIMIT ?",
                EventStore::row,
                deviceId,
                cap,
                cap,
                from,
                to,
                limit));
  }

  /** Events after an id (to resume a feed), oldest first, at most {@code limit}. */
  public Future<List<DeviceEvent>> after(long id, int limit) {
    return db.read(
        c ->
            Sql.list(c, COLUMNS + " WHERE id > ? ORDER BY id LIMIT ?", EventStore::row, id, limit));
  }

  /** The current state of a device: the last event of each capability. */
  public Future<List<DeviceEvent>> state(String deviceId) {
    return db.read(
        c ->
            Sql.list(
                c,
                "SELECT 0 AS id, device_id, 'state' AS kind, capability,"
                    + " value, unit, at FROM device_state WHERE device_id = ? ORDER BY capability",
                EventStore::row,
                deviceId));
  }

  private void prune() {
    long cutoff = System.currentTimeMillis() - retentionMs;
    db.write(
            c ->
                Sql.update(c, "DELETE FROM event WHERE at < ?", cutoff)
                    + Sql.update(
                        c,
                        "DELETE FROM event WHERE id <= (SELECT max(id) FROM event) - ?",
                        maxRows))
        .onSuccess(
            n -> {
              if (n > 0) {
                LOG.info("pruned {} old events", n);
              }
            });
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
