package io.hearth.api.mqtt;

import io.hearth.runtime.store.ModuleStore;
import io.hearth.runtime.store.Sql;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker's durable state in SQLite (migration 004): retained messages, persistent sessions,
 * their subscriptions and owed QoS 1/2 messages. Writes are batched (group commit): changes made
 * while the previous transaction is being written go to the store together in the next one, so a
 * burst of messages costs one fsync per transaction, not one each, and a lone change waits for no
 * timer. {@link #committed} tells when what was written so far is on disk, so an acknowledgement
 * can wait for it; {@link #flush} forces the batch out (at stop).
 */
final class BrokerStore {
  private final ModuleStore db;
  private final Vertx vertx;
  private List<SqlOp> batch = new ArrayList<>();
  private Promise<Void> batchCommitted = Promise.promise();
  private Future<Void> lastWrite = Future.succeededFuture();
  private boolean scheduled;
  private long writes;

  @FunctionalInterface
  interface SqlOp {
    void run(Connection c) throws SQLException;
  }

  BrokerStore(ModuleStore db, Vertx vertx) {
    this.db = db;
    this.vertx = vertx;
  }

  /** Everything stored, read at start. */
  Future<StoredState> load() {
    return db.read(StoredState::read);
  }

  void putRetained(Message m) {
    add(
        c ->
            Sql.update(
                c,
                "INSERT OR REPLACE INTO mqtt_retained (topic, payload, qos, updated_at)"
                    + " VALUES (?, ?, ?, ?)",
                m.topic(),
                m.payload().getBytes(),
                m.qos(),
                System.currentTimeMillis()));
  }

  void clearRetained(String topic) {
    add(c -> Sql.update(c, "DELETE FROM mqtt_retained WHERE topic = ?", topic));
  }

  void putSession(String clientId, String tokenId, long expirySeconds) {
    add(
        c ->
            Sql.update(
                c,
                "INSERT OR REPLACE INTO mqtt_session (client_id, token_id, expiry_seconds,"
                    + " disconnected_at) VALUES (?, ?, ?, NULL)",
                clientId,
                tokenId,
                expirySeconds));
  }

  void sessionDisconnected(String clientId, long at) {
    add(
        c ->
            Sql.update(
                c,
                "UPDATE mqtt_session SET disconnected_at = ? WHERE client_id = ?",
                at,
                clientId));
  }

  void deleteSession(String clientId) {
    add(c -> Sql.update(c, "DELETE FROM mqtt_session WHERE client_id = ?", clientId));
  }

  void putSubscription(String clientId, String filter, int qos) {
    add(
        c ->
            Sql.update(
                c,
                "INSERT OR REPLACE INTO mqtt_subscription (client_id, filter, qos) VALUES (?, ?,"
                    + " ?)",
                clientId,
                filter,
                qos));
  }

  void deleteSubscription(String clientId, String filter) {
    add(
        c ->
            Sql.update(
                c,
                "DELETE FROM mqtt_subscription WHERE client_id = ? AND filter = ?",
                clientId,
                filter));
  }

  void enqueue(String clientId, long seq, Message m) {
    add(
        c ->
            Sql.update(
                c,
                "INSERT OR REPLACE INTO mqtt_queued (client_id, seq, topic, payload, qos)"
                    + " VALUES (?, ?, ?, ?, ?)",
                clientId,
                seq,
                m.topic(),
                m.payload().getBytes(),
                m.qos()));
  }

  void dequeue(String clientId, long seq) {
    add(
        c ->
            Sql.update(
                c, "DELETE FROM mqtt_queued WHERE client_id = ? AND seq = ?", clientId, seq));
  }

  /** How many changes were asked for so far; a caller compares it to see if it caused one. */
  long writes() {
    return writes;
  }

  /**
   * Completes when every change asked for so far is committed, with the batch it belongs to (it
   * does not force an early write). Writes are committed in order, one transaction at a time.
   */
  Future<Void> committed() {
    return batch.isEmpty() ? lastWrite : batchCommitted.future();
  }

  /** Writes the pending batch now; completes when everything so far is committed. */
  Future<Void> flush() {
    if (!batch.isEmpty()) {
      List<SqlOp> ops = batch;
      Promise<Void> done = batchCommitted;
      batch = new ArrayList<>();
      batchCommitted = Promise.promise();
      lastWrite = db.write(c -> runAll(c, ops)).mapEmpty();
      lastWrite.onComplete(
          written -> {
            if (written.succeeded()) {
              done.complete();
            } else {
              done.fail(written.cause());
            }
          });
    }
    return lastWrite;
  }

  private void add(SqlOp op) {
    writes++;
    batch.add(op);
    if (!scheduled) {
      scheduled = true;
      // Group commit: what arrives while a transaction is being written goes in the next one,
      // written as soon as that one is done; an idle store writes on the next turn of the loop.
      lastWrite.onComplete(
          previous ->
              vertx.runOnContext(
                  v -> {
                    scheduled = false;
                    flush();
                  }));
    }
  }

  private static Void runAll(Connection c, List<SqlOp> ops) throws SQLException {
    for (SqlOp op : ops) {
      op.run(c);
    }
    return null;
  }
}
