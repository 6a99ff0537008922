package io.hearth.adapters.coap;

import io.hearth.runtime.store.ModuleStore;
import io.hearth.runtime.store.Sql;
import io.vertx.core.Future;
import java.net.URI;
import java.util.List;

/**
 * The CoAP devices the owner added, by base URL (and PSK for coaps://), so the hub reads their
 * resources and watches them again after a restart. Keys stay in the database (readable by the
 * hub's user only) and are never logged.
 */
final class CoapDeviceStore {
  /** One stored device. */
  record Entry(String name, URI base, Psk psk) {}

  private final ModuleStore db;

  CoapDeviceStore(ModuleStore db) {
    this.db = db;
  }

  Future<Void> save(String name, URI base, Psk psk) {
    return db.write(
            c ->
                Sql.update(
                    c,
                    "INSERT INTO coap_device (base_url, name, psk_identity, psk_key, added_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (base_url) DO UPDATE SET name ="
                        + " excluded.name, psk_identity = excluded.psk_identity, psk_key ="
                        + " excluded.psk_key",
                    base.toString(),
                    name,
                    psk == null ? null : psk.identity(),
                    psk == null ? null : psk.key(),
                    System.currentTimeMillis()))
        .mapEmpty();
  }

  Future<List<Entry>> list() {
    return db.read(
        c ->
            Sql.list(
                c,
                "SELECT base_url, name, psk_identity, psk_key FROM coap_device ORDER BY added_at",
                r -> {
                  String identity = r.getString("psk_identity");
                  byte[] key = r.getBytes("psk_key");
                  return new Entry(
                      r.getString("name"),
                      URI.create(r.getString("base_url")),
                      identity == null || key == null ? null : new Psk(identity, key));
                }));
  }
}
