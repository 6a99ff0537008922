package io.hearth.runtime.recording;

import io.hearth.runtime.domain.Timestamps;
import io.vertx.core.json.JsonObject;

/**
 * One camera event: a stretch of motion on a camera, from whatever reported it ({@code motion}: the
 * hub's detector, {@code onvif}: the camera's own events, {@code sensor}: a linked sensor), with
 * its start, its end (0 while it is open), a score when the detector gave one, whether it has a
 * thumbnail, and the time range of its clip (pre-roll before, post-roll after). Keys and files are
 * not part of it; what a viewer granted the camera's events may learn is {@link #toJson}.
 */
public record CameraEvent(
    String id,
    String cameraId,
    String source,
    String sensorId,
    long startedAt,
    long endedAt,
    Double score,
    boolean thumbnail) {
  public static final String MOTION = "motion";
  public static final String ONVIF = "onvif";
  public static final String SENSOR = "sensor";

  /** The kind of a camera event's entries on the events feed (one at its start, one at its end). */
  public static final String FEED_KIND = "camera_event";

  public boolean open() {
    return endedAt == 0;
  }

  /** The clip's range: {@code preRoll} before the start to {@code postRoll} after the end. */
  public long clipFrom(long preRollMs) {
    return startedAt - preRollMs;
  }

  public long clipTo(long postRollMs, long now) {
    return (open() ? now : endedAt) + postRollMs;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("camera_id", cameraId)
        .put("source", source)
        .put("sensor_id", sensorId)
        .put("started_at", Timestamps.iso(startedAt))
        .put("ended_at", open() ? null : Timestamps.iso(endedAt))
        .put("score", score)
        .put("thumbnail", thumbnail);
  }
}
