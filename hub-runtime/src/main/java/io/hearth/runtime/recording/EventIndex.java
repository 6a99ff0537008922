package io.hearth.runtime.recording;

import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.store.ModuleStore;
import io.hearth.runtime.store.Sql;
import io.vertx.core.Future;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Camera events and sensor links in the recording module's tables. */
final class EventIndex {
  private static final String COLUMNS =
      "SELECT id, camera_id, source, sensor_id, started_at, ended_at, score,"
          + " thumbnail_key IS NOT NULL AS has_thumbnail FROM camera_event";

  /** A page of events, newest first, after the position {@code cursor} names (or from the top). */
  record Query(Collection<String> cameraIds, long from, long to, int limit, Cursor cursor) {}

  /** A position in the newest-first order: the last event of the previous page. */
  record Cursor(long startedAt, String id) {
    String text() {
      return startedAt + "." + id;
    }

    /**
     * Parses {@code <started_at>.<event id>}; the message says what is expected. Both parts are
     * needed: several events may start in the same millisecond, and the id orders them.
     */
    static Cursor parse(String text) {
      int dot = text.indexOf('.');
      try {
        Cursor parsed = new Cursor(Long.parseLong(text.substring(0, dot)), text.substring(dot + 1));
        if (parsed.startedAt() >= 0 && Ids.isWellFormed(parsed.id(), "cev")) {
          return parsed;
        }
      } catch (RuntimeException e) {
        // answered below
      }
      throw new IllegalArgumentException(
          "cursor must be the next_cursor of a previous page, given back as it was");
    }
  }

  private final ModuleStore store;

  EventIndex(ModuleStore store) {
    this.store = store;
  }

  Future<Void> open(CameraEvent e) {
    return store
        .write(
            c ->
                Sql.update(
                    c,
                    "INSERT INTO camera_event (id, camera_id, source, sensor_id, started_at, score)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                    e.id(),
                    e.cameraId(),
                    e.source(),
                    e.sensorId(),
                    e.startedAt(),
                    e.score()))
        .mapEmpty();
  }

  Future<Void> close(String id, long endedAt) {
    return store
        .write(
            c ->
                Sql.update(
                    c,
                    "UPDATE camera_event SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                    endedAt,
                    id))
        .mapEmpty();
  }

  /** Events a cut left open end at most {@code maxMs} after they began, and never after now. */
  Future<Integer> closeLeftOpen(long now, long maxMs) {
    return store.write(
        c ->
            Sql.update(
                c,
                "UPDATE camera_event SET ended_at = MIN(?, started_at + ?) WHERE ended_at IS NULL",
                now,
                maxMs));
  }

  Future<Void> thumbnail(String id, byte[] wrappedKey) {
    return store
        .write(
            c ->
                Sql.update(
                    c, "UPDATE camera_event SET thumbnail_key = ? WHERE id = ?", wrappedKey, id))
        .mapEmpty();
  }

  Future<byte[]> thumbnailKey(String id) {
    return store.read(
        c ->
            Sql.one(
                    c,
                    "SELECT thumbnail_key FROM camera_event WHERE id = ?",
                    r -> Optional.ofNullable(r.getBytes(1)),
                    id)
                .flatMap(key -> key)
                .orElse(null));
  }

  Future<Optional<CameraEvent>> get(String id) {
    return store.read(c -> Sql.one(c, COLUMNS + " WHERE id = ?", EventIndex::row, id));
  }

  /** A page of the cameras' events overlapping [from, to], newest first. */
  Future<List<CameraEvent>> list(Query q) {
    if (q.cameraIds().isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Object> args = new ArrayList<>(q.cameraIds());
    String marks = String.join(",", q.cameraIds().stream().map(x -> "?").toList());
    StringBuilder sql =
        new StringBuilder(COLUMNS)
            .append(" WHERE camera_id IN (")
            .append(marks)
            .append(") AND started_at <= ? AND (ended_at IS NULL OR ended_at >= ?)");
    args.add(q.to());
    args.add(q.from());
    if (q.cursor() != null) {
      sql.append(" AND (started_at < ? OR (started_at = ? AND id < ?))");
      args.add(q.cursor().startedAt());
      args.add(q.cursor().startedAt());
      args.add(q.cursor().id());
    }
    sql.append(" ORDER BY started_at DESC, id DESC LIMIT ?");
    args.add(q.limit());
    return store.read(c -> Sql.list(c, sql.toString(), EventIndex::row, args.toArray()));
  }

  /** Events that ended before {@code cutoff}: what retention deletes. */
  Future<List<CameraEvent>> endedBefore(long cutoff) {
    return store.read(
        c -> Sql.list(c, COLUMNS + " WHERE ended_at < ? LIMIT 10000", EventIndex::row, cutoff));
  }

  Future<Void> remove(List<String> ids) {
    return store.write(
        c -> {
          for (String id : ids) {
            Sql.update(c, "DELETE FROM camera_event WHERE id = ?", id);
          }
          return null;
        });
  }

  private static CameraEvent row(ResultSet r) throws SQLException {
    double score = r.getDouble("score");
    Double scored = r.wasNull() ? null : score;
    return new CameraEvent(
        r.getString("id"),
        r.getString("camera_id"),
        r.getString("source"),
        r.getString("sensor_id"),
        r.getLong("started_at"),
        r.getLong("ended_at"),
        scored,
        r.getBoolean("has_thumbnail"));
  }
}
