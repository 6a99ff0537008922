package io.hearth.api;

import io.hearth.runtime.Hub;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.recording.Recordings;
import io.hearth.runtime.store.Sql;
import io.hearth.runtime.testing.Await;
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
}
