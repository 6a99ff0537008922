package io.hearth.runtime.recording;

import io.hearth.runtime.store.ModuleStore;
import io.hearth.runtime.store.Sql;
import io.vertx.core.Future;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The index of recorded segments and each camera's recording mode, in the recording's tables. */
final class SegmentIndex {
  private static final String COLUMNS =
      "SELECT id, camera_id, started_at, ended_at, bytes, codec, mime, width, height"
          + " FROM recording_segment";

  private final ModuleStore store;

  SegmentIndex(ModuleStore store) {
    this.store = store;
  }

  Future<Void> add(Segment s, byte[] wrappedKey) {
    return store
        .write(
            c ->
                Sql.update(
                    c,
                    "INSERT INTO recording_segment (id, camera_id, started_at, ended_at, bytes, codec,"
                        + " mime, width, height, wrapped_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    s.id(),
                    s.cameraId(),
                    s.startedAt(),
                    s.endedAt(),
                    s.bytes(),
                    s.codec(),
                    s.mime(),
                    s.width(),
                    s.height(),
                    wrappedKey))
        .mapEmpty();
  }

  /** A camera's segments overlapping [from, to], oldest first, at most {@code limit}. */
  Future<List<Segment>> list(String cameraId, long from, long to, int limit) {
    return store.read(
        c ->
            Sql.list(
                c,
                COLUMNS
                    + " WHERE camera_id = ? AND ended_at >= ? AND started_at <= ?"
                    + " ORDER BY started_at LIMIT ?",
                SegmentIndex::row,
                cameraId,
                from,
                to,
                limit));
  }

  /**
   * A camera's recording overlapping [from, to] as spans without gaps ({@link RecordedSpan}),
   * oldest first, at most {@code limit}: counted in SQL, so a day of 10 s segments (8,640 rows)
   * comes back as a few rows.
   */
  Future<List<RecordedSpan>> spans(String cameraId, long from, long to, int limit) {
    return store.read(
        c ->
            Sql.list(
                c,
                "SELECT MIN(started_at), MAX(ended_at), COUNT(*) FROM ("
                    + " SELECT started_at, ended_at, SUM(CASE WHEN started_at - before > ?"
                    + " THEN 1 ELSE 0 END) OVER (ORDER BY started_at, id) AS span FROM ("
                    + "  SELECT id, started_at, ended_at,"
                    + "   LAG(ended_at) OVER (ORDER BY started_at, id) AS before"
                    + "  FROM recording_segment"
                    + "  WHERE camera_id = ? AND ended_at >= ? AND started_at <= ?))"
                    + " GROUP BY span ORDER BY 1 LIMIT ?",
                r -> new RecordedSpan(r.getLong(1), r.getLong(2), r.getInt(3)),
                RecordedSpan.GAP_MS,
                cameraId,
                from,
                to,
                limit));
  }

  Future<Optional<Segment>> get(String id) {
    return store.read(c -> Sql.one(c, COLUMNS + " WHERE id = ?", SegmentIndex::row, id));
  }

  Future<byte[]> wrappedKey(String id) {
    return store.read(
        c ->
            Sql.one(
                    c,
                    "SELECT wrapped_key FROM recording_segment WHERE id = ?",
                    r -> r.getBytes(1),
                    id)
                .orElseThrow(() -> new SQLException("no segment " + id)));
  }

  /** Every segment, oldest first: what retention walks. */
  Future<List<Segment>> oldestFirst() {
    return store.read(c -> Sql.list(c, COLUMNS + " ORDER BY ended_at, id", SegmentIndex::row));
  }

  Future<Void> remove(List<String> ids) {
    return store.write(
        c -> {
          for (String id : ids) {
            Sql.update(c, "DELETE FROM recording_segment WHERE id = ?", id);
          }
          return null;
        });
  }

  Future<Void> setMode(String cameraId, RecordingMode mode) {
    return store
        .write(
            c ->
                mode == RecordingMode.OFF
                    ? Sql.update(c, "DELETE FROM recording_mode WHERE camera_id = ?", cameraId)
                    : Sql.update(
                        c,
                        "INSERT INTO recording_mode (camera_id, mode, updated_at) VALUES (?, ?, ?)"
                            + " ON CONFLICT (camera_id) DO UPDATE SET mode = excluded.mode,"
                            + " updated_at = excluded.updated_at",
                        cameraId,
                        mode.wireName(),
                        System.currentTimeMillis()))
        .mapEmpty();
  }

  /** The cameras that are recorded, and how. */
  Future<Map<String, RecordingMode>> modes() {
    return store.read(
        c -> {
          Map<String, RecordingMode> modes = new TreeMap<>();
          for (String[] row :
              Sql.list(
                  c,
                  "SELECT camera_id, mode FROM recording_mode",
                  r -> new String[] {r.getString(1), r.getString(2)})) {
            modes.put(row[0], RecordingMode.parse(row[1]));
          }
          return modes;
        });
  }

  private static Segment row(ResultSet r) throws SQLException {
    return new Segment(
        r.getString("id"),
        r.getString("camera_id"),
        r.getLong("started_at"),
        r.getLong("ended_at"),
        r.getLong("bytes"),
        r.getString("codec"),
        r.getString("mime"),
        r.getInt("width"),
        r.getInt("height"));
  }
}
