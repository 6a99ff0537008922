package io.hearth.runtime.recording;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.session.PlaybackSource;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;

/**
 * The stored camera events as callers see them: pages of events of given cameras, one event, its
 * thumbnail and its clip, and the owner's sensor links. Who may see which camera's events is the
 * caller's decision (a grant with the {@code events} scope for the camera, checked on every
 * request): every method here takes the camera and answers 404 for an event of another camera, so
 * an event id alone never reaches across cameras.
 */
public final class EventArchive {
  /**
   * A page of events, newest first, and the cursor of the next page: null exactly when no older
   * event matches (the page is read one event long to know).
   */
  public record Page(List<CameraEvent> events, String nextCursor) {
    public boolean hasMore() {
      return nextCursor != null;
    }
  }

  /** The most events one page holds. */
  public static final int MAX_LIMIT = 500;

  private static final String RANGE = "rng_";

  private final EventIndex index;
  private final SensorLinks links;
  private final Thumbnails thumbnails;
  private final Clips clips;
  private final long preMs;
  private final long postMs;

  EventArchive(
      EventIndex index,
      SensorLinks links,
      Thumbnails thumbnails,
      Clips clips,
      long preMs,
      long postMs) {
    this.index = index;
    this.links = links;
    this.thumbnails = thumbnails;
    this.clips = clips;
    this.preMs = preMs;
    this.postMs = postMs;
  }

  /**
   * The events of {@code cameraIds} overlapping [from, to], newest first, after {@code cursor}
   * (null for the first page). The cursor names a position (start time and id), not a camera: a
   * page only ever holds events of {@code cameraIds}. A bad cursor or a limit outside 1 to {@link
   * #MAX_LIMIT} is a 400.
   */
  public Future<Page> list(
      Collection<String> cameraIds, long from, long to, int limit, String cursor) {
    if (limit < 1 || limit > MAX_LIMIT) {
      return Future.failedFuture(
          HubException.badRequest("limit must be from 1 to " + MAX_LIMIT + " (events per page)"));
    }
    EventIndex.Cursor after;
    try {
      after = cursor == null ? null : EventIndex.Cursor.parse(cursor);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(HubException.badRequest(e.getMessage()));
    }
    return index
        .list(new EventIndex.Query(cameraIds, from, to, limit + 1, after))
        .map(events -> page(events, limit));
  }

  /** {@code limit} of the events read, and a cursor when one more was there. */
  private static Page page(List<CameraEvent> read, int limit) {
    if (read.size() <= limit) {
      return new Page(read, null);
    }
    List<CameraEvent> events = read.subList(0, limit);
    CameraEvent last = events.get(limit - 1);
    return new Page(List.copyOf(events), new EventIndex.Cursor(last.startedAt(), last.id()).text());
  }

  /** One event of {@code cameraId}; 404 when there is none, or it is another camera's. */
  public Future<CameraEvent> get(String cameraId, String eventId) {
    return index
        .get(eventId)
        .map(
            found ->
                found
                    .filter(e -> e.cameraId().equals(cameraId))
                    .orElseThrow(
                        () ->
                            HubException.notFound(
                                "camera " + cameraId + " has no event " + eventId)));
  }

  /** The event's JPEG; 404 when it has none (yet). */
  public Future<byte[]> thumbnail(String cameraId, String eventId) {
    return get(cameraId, eventId)
        .compose(e -> index.thumbnailKey(e.id()).compose(key -> thumbnails.read(e, key)));
  }

  /** The event's clip: its camera's recording from pre-roll before to post-roll after it. */
  public Future<PlaybackSource> clip(String cameraId, String eventId) {
    return get(cameraId, eventId)
        .compose(
            e ->
                clips.range(
                    cameraId, e.clipFrom(preMs), e.clipTo(postMs, System.currentTimeMillis())));
  }

  /**
   * What a playback session of {@code cameraId} plays: a segment ({@code seg_...}), an event's clip
   * ({@code cev_...}) or a time range ({@link #rangeReference}); 404 for another camera's.
   */
  public Future<PlaybackSource> playback(String cameraId, String reference) {
    if (reference.startsWith(RANGE)) {
      String[] bounds = reference.substring(RANGE.length()).split("_", 2);
      return clips.range(cameraId, Long.parseLong(bounds[0]), Long.parseLong(bounds[1]));
    }
    return reference.startsWith("cev_")
        ? clip(cameraId, reference)
        : clips.one(cameraId, reference);
  }

  /** The playback reference of a camera's recording from {@code from} to {@code to}. */
  public static String rangeReference(long from, long to) {
    return RANGE + from + "_" + to;
  }

  /** Ties a sensor to a camera (the caller checked both exist and may be tied). */
  public Future<Void> link(String sensorId, String cameraId) {
    return links.link(sensorId, cameraId);
  }

  /** Unties a sensor; 404 when it was not tied to the camera. */
  public Future<Void> unlink(String sensorId, String cameraId) {
    return links
        .unlink(sensorId, cameraId)
        .compose(
            found ->
                found
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        HubException.notFound(
                            "sensor " + sensorId + " is not tied to camera " + cameraId)));
  }

  /** The sensors tied to a camera. */
  public List<String> sensors(String cameraId) {
    return links.sensorsOf(cameraId);
  }

  /** Deletes the events that ended before {@code cutoff}: rows first, then their thumbnails. */
  Future<Integer> sweep(long cutoff) {
    return index
        .endedBefore(cutoff)
        .compose(
            gone ->
                index
                    .remove(gone.stream().map(CameraEvent::id).toList())
                    .compose(v -> thumbnails.delete(gone))
                    .map(gone.size()));
  }
}
