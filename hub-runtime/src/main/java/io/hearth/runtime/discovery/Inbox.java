package io.hearth.runtime.discovery;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery inbox: every device any discovery protocol has seen, one entry per protocol and
 * identity. Discovery only reports here; nothing is adopted unless the owner asks ({@link #adopt}).
 * Reads come from memory, so an entry is listed the moment it is reported; the store keeps entries
 * across restarts. A sighting of an adopted camera at a new address is only a claim: the entry
 * becomes {@link Discovered#MOVED} and the claim is published on {@link #MOVED}, for {@link
 * CameraFollowing} to have it proven or to leave it to the owner; the camera stays where it was.
 *
 * <p>A network can announce anything, so the inbox is bounded: at most {@link #MAX_NEW} entries
 * wait for a decision; beyond that the one seen longest ago is forgotten.
 */
public final class Inbox {
  /** Event-bus address: {@code {"event": "found" | "changed", "entry": {...}}}. */
  public static final String ADDRESS = "hearth.discovery";

  /** Event-bus address of new claims: {@code {"adopted_id", "from", "to", "entry"}}. */
  public static final String MOVED = "hearth.discovery.moved";

  public static final int MAX_NEW = 1000;

  /** Detail naming the protocol whose adopter adopts this entry, when not its own. */
  public static final String ADOPT_WITH = "adopt_with";

  /** A sighting that changes nothing is written again at most this often (its last-seen time). */
  static final long TOUCH_MS = 60_000;

  /** Most addresses remembered per entry whose sightings are not claims (declined, or left). */
  static final int MAX_DECLINED = 16;

  /**
   * How long the address a camera was followed away from is not a claim: announcements cached
   * before the move (mDNS records live 120 s) must not raise a claim back.
   */
  static final long LEFT_MS = 300_000;

  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

  private final Vertx vertx;
  private final Database db;
  private final Map<String, Discovered> byKey = new LinkedHashMap<>();
  private final Map<String, Long> written = new HashMap<>();
  private final Map<String, Map<String, Long>> declined = new HashMap<>();
  private final Adopters adopters = new Adopters();
  private final Moves moves;

  public Inbox(Vertx vertx, Database db) {
    this.vertx = vertx;
    this.db = db;
    this.moves = new Moves(this);
  }

  /** Verdicts on claimed moves of adopted cameras. */
  public Moves moves() {
    return moves;
  }

  /** Loads the stored entries. */
  public Future<Void> start() {
    return db.read(InboxRows::all)
        .map(
            rows -> {
              synchronized (this) {
                for (Discovered d : rows) {
                  byKey.put(key(d.sighting()), unfinished(d));
                  written.put(d.id(), d.lastSeen());
                }
              }
              return null;
            });
  }

  /** A claim whose check the hub stopped before it finished is left to the owner. */
  private static Discovered unfinished(Discovered d) {
    if (d.move() == null || !Move.CHECKING.equals(d.move().check())) {
      return d;
    }
    Move left = d.move().judged(Move.UNVERIFIED, "the hub restarted before its check finished");
    return new Discovered(
        d.id(), d.sighting(), d.state(), d.adoptedId(), d.firstSeen(), d.lastSeen(), left);
  }

  /** Sets who adopts entries of {@code protocol}. */
  public void registerAdopter(String protocol, Adopter adopter) {
    adopters.register(protocol, adopter);
  }

  /** Who adopts entries no protocol claims (a camera announcing its stream URL, say). */
  public void registerFallbackAdopter(Adopter adopter) {
    adopters.fallback(adopter);
  }

  /**
   * Records a sighting (from any thread): a new entry, a changed one, or only a newer last-seen
   * time. Answers the entry as it is now.
   */
  public Discovered report(Sighting sighting) {
    long now = System.currentTimeMillis();
    Discovered before;
    Discovered after;
    synchronized (this) {
      String key = key(sighting);
      before = byKey.get(key);
      if (before == null) {
        evictIfFull();
        after = new Discovered(Ids.newId("dsc"), sighting, Discovered.NEW, null, now, now);
      } else if (declined.getOrDefault(before.id(), Map.of()).getOrDefault(sighting.host(), 0L)
          > now) {
        // A move the owner declined, or the address it just left: only that it was seen.
        after = Claims.seen(before, before.sighting(), now);
      } else {
        after = Claims.seen(before, sighting, now);
      }
      byKey.put(key, after);
      boolean changed = before == null || !before.equals(touched(after, before.lastSeen()));
      Long lastWrite = written.get(after.id());
      if (changed || lastWrite == null || now - lastWrite >= TOUCH_MS) {
        written.put(after.id(), now);
        save(after); // submitted under the lock, so the store sees changes in order
      }
    }
    announce(before, after);
    return after;
  }

  private void announce(Discovered before, Discovered after) {
    Sighting sighting = after.sighting();
    if (before == null) {
      LOG.info(
          "discovered {} {} at {} ({})",
          sighting.kind(),
          sighting.name(),
          sighting.address(),
          sighting.protocol());
      publish("found", after);
      return;
    }
    if (!before.equals(touched(after, before.lastSeen()))) {
      publish("changed", after);
    }
    if (Claims.newClaim(before, after)) {
      vertx
          .eventBus()
          .publish(
              MOVED,
              new JsonObject()
                  .put("adopted_id", after.adoptedId())
                  .put("from", after.move().from())
                  .put("to", after.move().to())
                  .put("entry", after.toJson()));
    }
  }

  private static Discovered touched(Discovered d, long lastSeen) {
    return new Discovered(
        d.id(), d.sighting(), d.state(), d.adoptedId(), d.firstSeen(), lastSeen, d.move());
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
    Adopter adopter;
    try {
      entry = get(id).orElseThrow(() -> missing(id));
      if (entry.adopted()) {
        throw HubException.conflict(
            "discovered entry " + id + " is already adopted as " + entry.adoptedId());
      }
      adopter = adopters.of(entry);
    } catch (HubException e) {
      return Future.failedFuture(e);
    }
    String wanted = name == null || name.isBlank() ? entry.sighting().name() : name;
    return adopter
        .adopt(owner, entry, wanted, credentials)
        .compose(adoptedId -> settle(owner, entry.id(), Discovered.ADOPTED, adoptedId));
  }

  /**
   * Hides an entry from the inbox (it stays known, so it does not come back as new). On an entry
   * with a claimed move, declines the move instead: the camera stays adopted where it is.
   */
  public Future<Discovered> ignore(Principal owner, String id) {
    Optional<Discovered> entry = get(id);
    if (entry.isPresent() && Discovered.MOVED.equals(entry.get().state())) {
      return moves.settle(owner, id, entry.get().move().to(), false);
    }
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
    return change(
        id,
        e -> new Discovered(e.id(), e.sighting(), state, adoptedId, e.firstSeen(), e.lastSeen()),
        (c, updated) -> settled(c, actor, updated));
  }

  /** Stores an entry changed by {@link #change}, with whatever else belongs in its transaction. */
  interface Store {
    Discovered write(java.sql.Connection c, Discovered updated) throws SQLException;
  }

  /**
   * Changes entry {@code id} under the lock ({@code change} may throw a {@link HubException} to
   * refuse), stores it through {@code store} in one transaction, and publishes it.
   */
  Future<Discovered> change(String id, UnaryOperator<Discovered> change, Store store) {
    Discovered updated;
    Future<Discovered> stored;
    synchronized (this) {
      try {
        Discovered entry = get(id).orElseThrow(() -> missing(id));
        updated = change.apply(entry);
        byKey.put(key(entry.sighting()), updated);
      } catch (HubException e) {
        return Future.failedFuture(e);
      }
      written.put(updated.id(), System.currentTimeMillis());
      stored = db.write(c -> store.write(c, updated));
    }
    publish("changed", updated);
    return stored;
  }

  /**
   * Sightings of entry {@code id} at {@code host} are not claims until {@code until} (epoch ms;
   * {@link Long#MAX_VALUE} once the owner declined a move there). Kept in memory only.
   */
  synchronized void decline(String id, String host, long until) {
    Map<String, Long> hosts = declined.computeIfAbsent(id, k -> new LinkedHashMap<>());
    if (!hosts.containsKey(host) && hosts.size() >= MAX_DECLINED) {
      hosts.remove(hosts.keySet().iterator().next());
    }
    hosts.put(host, until);
  }

  private static Discovered settled(java.sql.Connection c, Principal actor, Discovered updated)
      throws SQLException {
    String state = updated.state();
    String adoptedId = updated.adoptedId();
    InboxRows.upsert(c, updated);
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
    db.write(c -> InboxRows.delete(c, oldest.id()))
        .onFailure(e -> LOG.warn("could not forget discovered entry: {}", e.getMessage()));
  }

  private void save(Discovered entry) {
    db.write(
            c -> {
              InboxRows.upsert(c, entry);
              return null;
            })
        .onFailure(e -> LOG.warn("could not store discovered entry: {}", e.getMessage()));
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
}
