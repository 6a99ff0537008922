package io.hearth.api;

import io.hearth.runtime.Hub;
import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Timestamps;
import io.hearth.runtime.recording.CameraEvent;
import io.hearth.runtime.recording.Recordings;
import io.hearth.runtime.store.Sql;
import io.hearth.runtime.testing.Await;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Camera events written straight into the recording module's table at the times a test picks: a
 * week of history, or many events starting in the same millisecond, without waiting for motion.
 * Each lasts five seconds and has no thumbnail.
 */
public final class CameraEventRows {
  private CameraEventRows() {}

  /** {@code count} events of the camera, all starting at {@code startedAt}; their ids. */
  public static List<String> insert(Hub hub, String cameraId, long startedAt, int count)
      throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(Ids.newId("cev"));
    }
    Await.get(
        hub.context()
            .database()
            .forModule(Recordings.MODULE)
            .write(
                c -> {
                  for (String id : ids) {
                    Sql.update(
                        c,
                        "INSERT INTO camera_event (id, camera_id, source, started_at, ended_at)"
                            + " VALUES (?, ?, 'motion', ?, ?)",
                        id,
                        cameraId,
                        startedAt,
                        startedAt + 5_000);
                  }
                  return null;
                }));
    return ids;
  }

  /**
   * Announces a stored event on the hub's events feed as the recorder does when one starts, so
   * pages that follow the feed read their list again.
   */
  public static void announce(Hub hub, String cameraId, String eventId, long startedAt) {
    JsonObject value =
        new JsonObject()
            .put("id", eventId)
            .put("camera_id", cameraId)
            .put("started_at", Timestamps.iso(startedAt))
            .put("phase", "start");
    hub.context()
        .devices()
        .events()
        .append(new DeviceEvent(0, cameraId, CameraEvent.FEED_KIND, null, value, "", startedAt));
  }
}
