package io.hearth.runtime.recording;

import io.hearth.runtime.store.ModuleStore;
import io.hearth.runtime.store.Sql;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sensors are tied to which cameras: stored, and held in memory so that every reading on the
 * event bus is matched without a database read. A sensor may be tied to several cameras.
 */
final class SensorLinks {
  private final ModuleStore store;
  private final Map<String, Set<String>> camerasBySensor = new ConcurrentHashMap<>();

  SensorLinks(ModuleStore store) {
    this.store = store;
  }

  Future<Void> load() {
    return store
        .read(
            c ->
                Sql.list(
                    c,
                    "SELECT sensor_id, camera_id FROM camera_sensor_link",
                    r -> new String[] {r.getString(1), r.getString(2)}))
        .onSuccess(rows -> rows.forEach(row -> remember(row[0], row[1])))
        .mapEmpty();
  }

  Future<Void> link(String sensorId, String cameraId) {
    return store
        .write(
            c ->
                Sql.update(
                    c,
                    "INSERT INTO camera_sensor_link (sensor_id, camera_id, created_at)"
                        + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    sensorId,
                    cameraId,
                    System.currentTimeMillis()))
        .onSuccess(n -> remember(sensorId, cameraId))
        .mapEmpty();
  }

  /** Unties a sensor; false when it was not tied to the camera. */
  Future<Boolean> unlink(String sensorId, String cameraId) {
    return store
        .write(
            c ->
                Sql.update(
                    c,
                    "DELETE FROM camera_sensor_link WHERE sensor_id = ? AND camera_id = ?",
                    sensorId,
                    cameraId))
        .map(
            n -> {
              camerasBySensor.computeIfPresent(
                  sensorId, (s, cams) -> cams.remove(cameraId) && cams.isEmpty() ? null : cams);
              return n > 0;
            });
  }

  Set<String> camerasOf(String sensorId) {
    return camerasBySensor.getOrDefault(sensorId, Set.of());
  }

  /** The sensors tied to a camera, sorted. */
  List<String> sensorsOf(String cameraId) {
    return camerasBySensor.entrySet().stream()
        .filter(e -> e.getValue().contains(cameraId))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  private void remember(String sensorId, String cameraId) {
    camerasBySensor.computeIfAbsent(sensorId, s -> ConcurrentHashMap.newKeySet()).add(cameraId);
  }
}
