package io.hearth.runtime.discovery;

import io.hearth.runtime.HubException;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.Sql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery inbox: every device any discovery protocol has seen, one entry per protocol and
 * identity. Discovery only reports here; nothing is adopted unless the owner asks ({@link #adopt}).
 * Reads come from memory, so an entry is listed the moment it is reported; the store keeps entries
 * across restarts. A sighting of an adopted device at a new address is published on {@link #MOVED}
 * so the camera or device follows it by identity, never by its old IP.
 *
 * <p>A network can announce anything, so the inbox is bounded: at most {@link #MAX_NEW} entries
 * wait for a decision; beyond that the one seen longest ago is forgotten.
 */
public final class Inbox {
  /** Event-bus address: {@code {"event": "found" | "changed", "entry": {...}}}. */
  public static final String ADDRESS = "hearth.discovery";

  /** Event-bus address: {@code {"adopted_id", "address", "previous", "entry"}}. */
  public static final String MOVED = "hearth.discovery.moved";

  public static final int MAX_NEW = 1000;

  /** Detail naming the protocol whose adopter adopts this entry, when not its own. */
  public static final String ADOPT_WITH = "adopt_with";

  /** A sighting that changes nothing is written again at most this often (its last-seen time). */
  static final long TOUCH_MS = 60_000;

  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
  private static final String COLUMNS =
      "SELECT id, protocol, identity, kind, name, address, details, adoptable, state, adopted_id,"
          + " first_seen, last_seen FROM discovered";

  private final Vertx vertx;
  private final Database db;
  private final Map<String, Discovered> byKey = new LinkedHashMap<>();
  private final Map<String, Long> written = new HashMap<>();
  private final Map<String, Adopter> adopters = new ConcurrentHashMap<>();
  private volatile Adopter fallback;

  public Inbox(Vertx vertx, Database db) {
    this.vertx = vertx;
    this.db = db;
  }

  /** Loads the stored entries. */
  public Future<Void> start() {
    return db.read(c -> Sql.list(c, COLUMNS + " ORDER BY first_seen", Inbox::row))
        .map(
            rows -> {
              synchronized (this) {
                for (Discovered d : rows) {
                  byKey.put(key(d.sighting()), d);
                  written.put(d.id(), d.lastSeen());
                }
              }
              return null;
            });
  }

  /** Sets who adopts entries of {@code protocol}. */
  public void registerAdopter(String protocol, Adopter adopter) {
    adopters.put(protocol, adopter);
  }

  /** Who adopts entries no protocol claims (a camera announcing its stream URL, say). */
  public void registerFallbackAdopter(Adopter adopter) {
    this.fallback = adopter;
  }

  /**
   * Records a sighting (from any thread): a new entry, a changed one, or only a newer last-seen
   * time. Answers the entry as it is now.
   */
  public Discovered report(Sighting sighting) {
    long now = System.currentTimeMillis();
    Discovered before;
    Discovered after;
    boolean persist;
    synchronized (this) {
      String key = key(sighting);
      before = byKey.get(key);
      if (before == null) {
        evictIfFull();
        after = new Discovered(Ids.newId("dsc"), sighting, Discovered.NEW, null, now, now);
      } else {
        after =
            new Discovered(
                before.id(), sighting, before.state(), before.adoptedId(), before.firstSeen(), now);
      }
      byKey.put(key, after);
      boolean changed = before == null || !before.sighting().equals(sighting);
      Long lastWrite = written.get(after.id());
      persist = changed || lastWrite == null || now - lastWrite >= TOUCH_MS;
      if (persist) {
        written.put(after.id(), now);
        save(after); // submitted under the lock, so the store sees changes in order
      }
    }
    if (before == null) {
      LOG.info(
          "discovered {} {} at {} ({})",
          sighting.kind(),
          sighting.name(),
          sighting.address(),
          sighting.protocol());
      publish("found", after);
    } else if (!before.sighting().equals(sighting)) {
      publish("changed", after);
      if (Discovered.ADOPTED.equals(after.state())
          && !before.sighting().host().equals(sighting.host())) {
        LOG.info(
            "{} {} moved from {} to {}",
            after.adoptedId(),
            sighting.name(),
            before.sighting().address(),
            sighting.address());
        vertx
            .eventBus()
            .publish(
                MOVED,
                new JsonObject()
                    .put("adopted_id", after.adoptedId())
                    .put("address", sighting.address())
                    .put("host", sighting.host())
                    .put("previous", before.sighting().address())
                    .put("entry", after.toJson()));
      }
    }
    return after;
  }

  /**
   * Records a device that the owner's own set-up already brought in (an MQTT device publishing with
   * a token the owner issued, a CoAP device the owner added): listed as adopted, pointing at its
   * device, so the inbox shows everything on the network and never offers it twice.
   */
  public Discovered recordKnown(Sighting sighting, String deviceId) {
    Discovered entry = report(sighting);
    if (deviceId.equals(entry.adoptedId())) {
      return entry;
    }
    settle(Principal.HUB, entry.id(), Discovered.ADOPTED, deviceId)
        .onFailure(e -> LOG.warn("could not record {} as known: {}", deviceId, e.getMessage()));
    return get(entry.id()).orElse(entry);
  }

  /** Every entry, newest sighting first; ignored ones only if asked. */
  public synchronized List<Discovered> list(boolean withIgnored) {
    List<Discovered> all = new ArrayList<>();
    for (Discovered d : byKey.values()) {
      if (withIgnored || !Discovered.IGNORED.equals(d.state())) {
        all.add(d);
      }
    }
    all.sort(Comparator.comparingLong(Discovered::lastSeen).reversed());
    return all;
  }

  public synchronized Optional<Discovered> get(String id) {
    return byKey.values().stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /** The entry that became camera or device {@code adoptedId}, if any. */
  public synchronized Optional<Discovered> adoptedAs(String adoptedId) {
    return byKey.values().stream().filter(d -> adoptedId.equals(d.adoptedId())).findFirst();
  }

  /**
   * Adopts an entry through its protocol's adopter. Fails with 404 for an unknown entry, 409 if it
   * is already adopted, 422 if the hub cannot adopt that kind of device.
   */
  public Future<Discovered> adopt(
      Principal owner, String id, String name, Camera.Credentials credentials) {
    Discovered entry;
    try {
      entry = get(id).orElseThrow(() -> missing(id));
    } catch (HubException e) {
      return Future.failedFuture(e);
    }
    if (Discovered.ADOPTED.equals(entry.state())) {
      return Future.failedFuture(
          HubException.conflict(
              "discovered entry " + id + " is already adopted as " + entry.adoptedId()));
    }
    // A device found by one protocol may be adopted through another's adapter (a CoAP sensor
    // announced over mDNS is adopted by the CoAP adapter): the sighting names it in ADOPT_WITH.
    Adopter adopter =
        adopters.get(entry.sighting().details().getOrDefault(ADOPT_WITH, entry.protocol()));
    if (adopter == null) {
      adopter = fallback;
    }
    if (!entry.sighting().adoptable() || adopter == null) {
      return Future.failedFuture(
          new HubException(
              422,
              "not_adoptable",
              entry.sighting().name()
                  + " ("
                  + entry.protocol()
                  + ") is listed for information only: Hearth has no adapter for it"));
    }
    String wanted = name == null || name.isBlank() ? entry.sighting().name() : name;
    return adopter
        .adopt(owner, entry, wanted, credentials)
        .compose(adoptedId -> settle(owner, entry.id(), Discovered.ADOPTED, adoptedId));
  }

  /** Hides an entry from the inbox (it stays known, so it does not come back as new). */
  public Future<Discovered> ignore(Principal owner, String id) {
    return settle(owner, id, Discovered.IGNORED, null);
  }

  /** Puts an adopted entry back to new once its camera or device is removed. */
  public Future<Void> forget(String adoptedId) {
    Optional<Discovered> entry = adoptedAs(adoptedId);
    if (entry.isEmpty()) {
      return Future.succeededFuture();
    }
    return settle(Principal.HUB, entry.get().id(), Discovered.NEW, null).mapEmpty();
  }

  private Future<Discovered> settle(Principal actor, String id, String state, String adoptedId) {
    Discovered updated;
    Future<Discovered> stored;
    synchronized (this) {
      Discovered entry = get(id).orElse(null);
      if (entry == null) {
        return Future.failedFuture(missing(id));
      }
      updated =
          new Discovered(
              entry.id(), entry.sighting(), state, adoptedId, entry.firstSeen(), entry.lastSeen());
      byKey.put(key(entry.sighting()), updated);
      written.put(updated.id(), System.currentTimeMillis());
      stored = db.write(c -> settled(c, actor, updated));
    }
    publish("changed", updated);
    return stored;
  }

  private static Discovered settled(java.sql.Connection c, Principal actor, Discovered updated)
      throws SQLException {
    String state = updated.state();
    String adoptedId = updated.adoptedId();
    upsert(c, updated);
    if (!Principal.HUB.equals(actor)) {
      AuditLog.append(
          c,
          actor,
          "discovery." + (Discovered.ADOPTED.equals(state) ? "adopt" : state),
          updated.id(),
          new JsonObject()
              .put("protocol", updated.protocol())
              .put("name", updated.sighting().name())
              .put("address", updated.sighting().address())
              .put("adopted_id", adoptedId));
    }
    return updated;
  }

  /** Forgets the new entry seen longest ago when too many wait. Holds the lock. */
  private void evictIfFull() {
    List<Discovered> waiting =
        byKey.values().stream().filter(d -> Discovered.NEW.equals(d.state())).toList();
    if (waiting.size() < MAX_NEW) {
      return;
    }
    Discovered oldest = waiting.stream().min(Comparator.comparingLong(Discovered::lastSeen)).get();
    byKey.remove(key(oldest.sighting()));
    written.remove(oldest.id());
    db.write(c -> Sql.update(c, "DELETE FROM discovered WHERE id = ?", oldest.id()))
        .onFailure(e -> LOG.warn("could not forget discovered entry: {}", e.getMessage()));
  }

  private void save(Discovered entry) {
    db.write(
            c -> {
              upsert(c, entry);
              return null;
            })
        .onFailure(e -> LOG.warn("could not store discovered entry: {}", e.getMessage()));
  }

  private static void upsert(java.sql.Connection c, Discovered d) throws SQLException {
    JsonObject details = new JsonObject();
    d.sighting().details().forEach(details::put);
    Sql.update(
        c,
        "INSERT INTO discovered (id, protocol, identity, kind, name, address, details, adoptable,"
            + " state, adopted_id, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?) ON CONFLICT (protocol, identity) DO UPDATE SET kind = excluded.kind, name ="
            + " excluded.name, address = excluded.address, details = excluded.details, adoptable"
            + " = excluded.adoptable, state = excluded.state, adopted_id = excluded.adopted_id,"
            + " last_seen = excluded.last_seen",
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
        d.lastSeen());
  }

  private void publish(String event, Discovered entry) {
    vertx
        .eventBus()
        .publish(ADDRESS, new JsonObject().put("event", event).put("entry", entry.toJson()));
  }

  private static String key(Sighting s) {
    return s.protocol() + "\n" + s.identity();
  }

  private static HubException missing(String id) {
    return HubException.notFound(
        "no discovered entry " + id + "; list them with GET /api/v1/discovered");
  }

  private static Discovered row(ResultSet r) throws SQLException {
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
        r.getLong("last_seen"));
  }
}
