package io.hearth.runtime.recording;

import io.hearth.runtime.domain.Timestamps;
import io.vertx.core.json.JsonObject;

/**
 * One recorded segment of a camera: fragmented MP4 as the camera sent it (an init segment, then
 * fragments, starting at a keyframe), kept encrypted on disk. Its key is not part of this record.
 */
public record Segment(
    String id,
    String cameraId,
    long startedAt,
    long endedAt,
    long bytes,
    String codec,
    String mime,
    int width,
    int height) {

  /** What a viewer granted the camera's events may learn of it. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("camera_id", cameraId)
        .put("started_at", Timestamps.iso(startedAt))
        .put("ended_at", Timestamps.iso(endedAt))
        .put("bytes", bytes)
        .put("codec", codec)
        .put("mime", mime)
        .put("width", width)
        .put("height", height);
  }
}
