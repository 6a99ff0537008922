package io.hearth.runtime.ops;

import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.Sql;
import io.hearth.runtime.store.StoreTimings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the hub tells its operator about itself beyond its domain (health and {@code /metrics}):
 * which modules run, whether the store answers and how long its work takes. Read-only for modules.
 */
public final class Operations {
  private final Database database;
  private final List<String> modules = new CopyOnWriteArrayList<>();
  private final Map<String, JsonObject> parts = new ConcurrentHashMap<>();

  public Operations(Database database) {
    this.database = database;
  }

  /** The hub started {@code module} (called by the hub, in start order). */
  public void started(String module) {
    modules.add(module);
  }

  /** The hub stopped {@code module}. */
  public void stopped(String module) {
    modules.remove(module);
  }

  /**
   * A module's state for the owner (the bridge's link to its relay, for one): replaces what it
   * reported before. Nothing secret goes in: the API shows it to the owner as it is.
   */
  public void report(String part, JsonObject state) {
    parts.put(part, state.copy());
  }

  /** The module's state last reported, if it reported any. */
  public Optional<JsonObject> state(String part) {
    return Optional.ofNullable(parts.get(part)).map(JsonObject::copy);
  }

  /** The modules running now, in start order. */
  public List<String> modules() {
    return List.copyOf(modules);
  }

  /** One trivial read through the store's reader pool: fails if the store cannot answer. */
  public Future<Void> probeStore() {
    return database.read(c -> Sql.list(c, "SELECT 1", r -> 1)).mapEmpty();
  }

  public StoreTimings storeTimings() {
    return database.timings();
  }
}
