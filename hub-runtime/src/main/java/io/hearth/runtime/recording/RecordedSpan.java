package io.hearth.runtime.recording;

import io.hearth.runtime.domain.Timestamps;
import io.vertx.core.json.JsonObject;

/**
 * A stretch of a camera's recording without a gap: consecutive segments, each starting at most
 * {@link #GAP_MS} after the one before ended. What a day's recordings look like to a person: "8:02
 * to 9:40", not 588 segments.
 */
public record RecordedSpan(long startedAt, long endedAt, int segments) {
  /** A pause longer than this between two segments starts a new span. */
  public static final long GAP_MS = 3_000;

  public JsonObject toJson() {
    return new JsonObject()
        .put("started_at", Timestamps.iso(startedAt))
        .put("ended_at", Timestamps.iso(endedAt))
        .put("segments", segments);
  }
}
