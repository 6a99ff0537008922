package io.hearth.runtime.store;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which room each device (camera or sensor) is in. A room is what a room grant covers, so moving a
 * device is a change of access: it is a {@link Database#write} (open sessions, feeds and MQTT
 * clients are checked again) and audited.
 */
public final class RoomStore {
  private final Database db;

  RoomStore(Database db) {
    this.db = db;
  }

  /** Puts a device in a room ({@code null}: in none); 404 when there is no such device. */
  public Future<Void> place(Principal actor, String deviceId, String room) {
    return db.write(
        c -> {
          if (Sql.update(c, "UPDATE device SET room = ? WHERE id = ?", room, deviceId) != 1) {
            throw HubException.notFound("no camera or device with id " + deviceId);
          }
          AuditLog.append(c, actor, "device.room", deviceId, new JsonObject().put("room", room));
          return null;
        });
  }

  /** Every room with the ids of its devices, by name. */
  public Future<JsonArray> all() {
    return db.read(
            c ->
                Sql.list(
                    c,
                    "SELECT room, id FROM device WHERE room IS NOT NULL ORDER BY room, id",
                    row -> List.of(row.getString(1), row.getString(2))))
        .map(RoomStore::grouped);
  }

  private static JsonArray grouped(List<List<String>> rows) {
    Map<String, JsonArray> rooms = new LinkedHashMap<>();
    rows.forEach(r -> rooms.computeIfAbsent(r.get(0), k -> new JsonArray()).add(r.get(1)));
    JsonArray all = new JsonArray();
    rooms.forEach((name, ids) -> all.add(new JsonObject().put("name", name).put("devices", ids)));
    return all;
  }
}
