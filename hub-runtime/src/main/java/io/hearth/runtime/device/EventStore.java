package io.hearth.runtime.device;

import io.hearth.runtime.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event history and current state. An event gets its id when it is appended and goes out on the
 * event bus ({@link #ADDRESS}) at once, so live consumers see it within a millisecond; it is
 * written to SQLite in batches (every 50 ms or 500 events, one transaction that also updates the
 * state table). A feed that resumes after an id reads the store and then the events not yet
 * written, so nothing is missed and order is kept. Pruned by age and count.
 */
public final class EventStore {
  /** Local event-bus address of events ({@link DeviceEvent} records), in id order. */
  public static final String ADDRESS = "hearth.events";

  static final int BATCH = 500;
  static final long FLUSH_MS = 50;
  static final int MAX_QUEUED = 100_000;
  private static final Logger LOG = LoggerFactory.getLogger(EventStore.class);
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final Vertx vertx;
  private final Database db;
  private volatile long retentionMs;
  private final long maxRows;
  private final List<DeviceEvent> queue = new ArrayList<>();
  private List<DeviceEvent> writing = List.of();
  private long nextId = -1;
  private boolean flushScheduled;
  private boolean overflowLogged;
  private long dropped;
  private long appended;

  public EventStore(Vertx vertx, Database db, int retentionDays, long maxRows) {
    this.vertx = vertx;
    this.db = db;
    this.retentionMs = retentionDays * 86_400_000L;
    this.maxRows = maxRows;
    try {
      vertx.eventBus().registerDefaultCodec(DeviceEvent.class, new DeviceEventCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // another store on the same Vert.x (tests) registered it first
    }
  }

  /** Reads the last id, then starts the flush and prune timers. */
  public Future<Void> start() {
    return db.read(EventRows::lastId)
        .map(
            last -> {
              synchronized (this) {
                nextId = Math.max(nextId, last + 1);
              }
              vertx.setPeriodic(600_000, id -> prune());
              return null;
            });
  }

  /** Appends an event (its id is assigned here) and publishes it; false if the queue is full. */
  public boolean append(DeviceEvent event) {
    DeviceEvent numbered;
    synchronized (this) {
      if (nextId < 0 || queue.size() >= MAX_QUEUED) {
        return refuse();
      }
      numbered =
          new DeviceEvent(
              nextId++,
              event.deviceId(),
              event.kind(),
              event.capability(),
              event.value(),
              event.unit(),
              event.at());
      queue.add(numbered);
      appended++;
      scheduleFlush();
      // Published while holding the lock, so the bus sees events in id order.
      vertx.eventBus().publish(ADDRESS, numbered, LOCAL);
    }
    return true;
  }

  /** Arms one flush timer while events wait; an idle hub wakes for nothing. Holds the lock. */
  private void scheduleFlush() {
    if (!flushScheduled) {
      flushScheduled = true;
      vertx.setTimer(
          FLUSH_MS,
          id -> {
            synchronized (this) {
              flushScheduled = false;
            }
            flushOnce();
          });
    }
  }

  private boolean refuse() {
    dropped++;
    if (!overflowLogged) {
      overflowLogged = true;
      LOG.warn("event queue full or store not started: dropping events until it catches up");
    }
    return false;
  }

  /** The id of the newest event appended so far (0 if none): where a fresh feed starts. */
  public synchronized long lastId() {
    return Math.max(0, nextId - 1);
  }

  /** Events accepted since start (for {@code /metrics}: their rate is the hub's events/s). */
  public synchronized long appended() {
    return appended;
  }

  public synchronized long dropped() {
    return dropped;
  }

  /** Writes everything queued now; completes when it is on disk (within 5 s). */
  public Future<Void> flush() {
    return drain(System.currentTimeMillis() + 5000);
  }

  private Future<Void> flushOnce() {
    List<DeviceEvent> batch;
    synchronized (this) {
      if (!writing.isEmpty() || queue.isEmpty()) {
        return Future.succeededFuture();
      }
      batch = new ArrayList<>(queue);
      writing = batch;
      queue.clear();
      overflowLogged = false;
    }
    return db.writeOutsideAccess(c -> EventRows.write(c, batch))
        .onComplete(
            done -> {
              synchronized (this) {
                writing = List.of();
              }
              if (done.failed()) {
                LOG.error("could not store {} events: {}", batch.size(), done.cause().getMessage());
              }
            });
  }

  /** Flushes until nothing is queued, or the deadline passes. */
  public Future<Void> drain(long deadlineMillis) {
    synchronized (this) {
      if (queue.isEmpty() && writing.isEmpty()) {
        return Future.succeededFuture();
      }
    }
    if (System.currentTimeMillis() > deadlineMillis) {
      return Future.failedFuture("events still queued at the deadline");
    }
    Future<Void> step = flushOnce();
    return step.compose(
            v -> {
              synchronized (this) {
                if (!writing.isEmpty()) {
                  return io.vertx.core.Future.<Void>future(
                      p -> vertx.setTimer(10, t -> p.complete()));
                }
              }
              return Future.<Void>succeededFuture();
            })
        .compose(v -> drain(deadlineMillis));
  }

  /** History of a device, oldest first, within [from, to], at most {@code limit}. */
  public Future<List<DeviceEvent>> history(
      String deviceId, Capability capability, long from, long to, int limit) {
    String cap = capability == null ? null : capability.wireName();
    return db.read(c -> EventRows.history(c, deviceId, capability, from, to, limit));
  }

  /** Events after an id (to resume a feed): the store, then those not yet written. */
  public Future<List<DeviceEvent>> after(long id, int limit) {
    return db.read(c -> EventRows.after(c, id, limit))
        .map(
            stored -> {
              List<DeviceEvent> all = new ArrayList<>(stored);
              long last = stored.isEmpty() ? id : stored.get(stored.size() - 1).id();
              synchronized (this) {
                for (List<DeviceEvent> pending : List.of(writing, queue)) {
                  for (DeviceEvent e : pending) {
                    if (e.id() > last && all.size() < limit) {
                      all.add(e);
                      last = e.id();
                    }
                  }
                }
              }
              return all;
            });
  }

  /** The current state of a device: the last event of each capability. */
  public Future<List<DeviceEvent>> state(String deviceId) {
    return db.read(c -> EventRows.state(c, deviceId));
  }

  /** Keeps {@code days} of history from now on, and deletes what is older at once. */
  public Future<Integer> retain(int days) {
    retentionMs = days * 86_400_000L;
    return prune();
  }

  private Future<Integer> prune() {
    long cutoff = System.currentTimeMillis() - retentionMs;
    return db.writeOutsideAccess(c -> EventRows.prune(c, cutoff, maxRows))
        .onSuccess(
            n -> {
              if (n > 0) {
                LOG.info("pruned {} old events", n);
              }
            });
  }
}
