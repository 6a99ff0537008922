package io.hearth.adapters.onvif;

import io.hearth.runtime.store.ModuleStore;
import io.hearth.runtime.store.Sql;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Who each adopted ONVIF camera said it was at adoption (table {@code camera_identity}): a claimed
 * move is followed only to a device that answers the same ({@link OnvifMoveCheck}).
 */
final class OnvifIdentities {
  private final ModuleStore db;

  OnvifIdentities(ModuleStore db) {
    this.db = db;
  }

  Future<Void> remember(String cameraId, OnvifDevice.Information info) {
    return db.write(
            c ->
                Sql.update(
                    c,
                    "INSERT INTO camera_identity (device_id, manufacturer, model, serial, hardware_id,"
                        + " recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE"
                        + " SET manufacturer = excluded.manufacturer, model = excluded.model, serial ="
                        + " excluded.serial, hardware_id = excluded.hardware_id, recorded_at ="
                        + " excluded.recorded_at",
                    cameraId,
                    info.manufacturer(),
                    info.model(),
                    info.serial(),
                    info.hardwareId(),
                    System.currentTimeMillis()))
        .mapEmpty();
  }

  Future<Optional<OnvifDevice.Information>> of(String cameraId) {
    return db.read(
        c ->
            Sql.one(
                c,
                "SELECT manufacturer, model, serial, hardware_id FROM camera_identity"
                    + " WHERE device_id = ?",
                r ->
                    new OnvifDevice.Information(
                        r.getString("manufacturer"),
                        r.getString("model"),
                        r.getString("serial"),
                        r.getString("hardware_id")),
                cameraId));
  }
}
