package io.hearth.runtime.recording;

import io.hearth.runtime.config.HubConfig;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps recordings within their age and their share of the disk, oldest first, and after a cut
 * makes files and index agree again: leftovers of a segment being written and files without a row
 * are deleted; rows whose file is gone are dropped. Rows go before files, so the index never names
 * a deleted file.
 */
final class Retention {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  private final SegmentIndex index;
  private final SegmentFiles files;
  private final SegmentWriter writer;
  private final long maxAgeMillis;
  private final int diskPercent;
  private final long maxBytes;

  Retention(
      SegmentIndex index,
      SegmentFiles files,
      SegmentWriter writer,
      long maxAgeMillis,
      int diskPercent,
      long maxBytes) {
    this.index = index;
    this.files = files;
    this.writer = writer;
    this.maxAgeMillis = maxAgeMillis;
    this.diskPercent = diskPercent;
    this.maxBytes = maxBytes;
  }

  /** Retention as the {@code recording.*} settings say. */
  static Retention of(
      HubConfig config, SegmentIndex index, SegmentFiles files, SegmentWriter writer) {
    return new Retention(
        index,
        files,
        writer,
        maxAgeMillis(config),
        config.get(RecordingSettings.DISK_PERCENT),
        config.get(RecordingSettings.MAX_MEGABYTES) * 1_048_576L);
  }

  static long maxAgeMillis(HubConfig config) {
    return config.get(RecordingSettings.RETENTION_DAYS) * 86_400_000L;
  }

  /** Deletes what is too old or beyond the budget; the count deleted. */
  Future<Integer> sweep() {
    return index
        .oldestFirst()
        .compose(all -> writer.onThread(() -> expired(all)))
        .compose(gone -> index.remove(ids(gone)).map(gone))
        .compose(gone -> writer.onThread(() -> deleteFiles(gone)))
        .onSuccess(
            n -> {
              if (n > 0) {
                LOG.info("recordings: deleted the {} oldest segments (age or disk share)", n);
              }
            });
  }

  /** After a start: files and rows agree again. */
  Future<Void> recover() {
    return index
        .oldestFirst()
        .compose(all -> writer.onThread(() -> orphans(all)))
        .compose(missing -> index.remove(missing));
  }

  private List<Segment> expired(List<Segment> oldestFirst) throws IOException {
    long budget = budget();
    long total = oldestFirst.stream().mapToLong(Segment::bytes).sum();
    long cutoff = System.currentTimeMillis() - maxAgeMillis;
    List<Segment> gone = new ArrayList<>();
    for (Segment s : oldestFirst) {
      if (s.endedAt() >= cutoff && total <= budget) {
        break;
      }
      gone.add(s);
      total -= s.bytes();
    }
    return gone;
  }

  private long budget() throws IOException {
    Files.createDirectories(files.root());
    long share = Files.getFileStore(files.root()).getTotalSpace() / 100 * diskPercent;
    return maxBytes > 0 ? Math.min(share, maxBytes) : share;
  }

  private int deleteFiles(List<Segment> gone) throws IOException {
    for (Segment s : gone) {
      files.delete(s.cameraId(), s.id());
    }
    return gone.size();
  }

  /** Deletes files without a row; returns the ids of rows without a file. */
  private List<String> orphans(List<Segment> rows) throws IOException {
    Set<Path> known = new HashSet<>();
    List<String> missing = new ArrayList<>();
    for (Segment s : rows) {
      Path file = files.path(s.cameraId(), s.id());
      known.add(file);
      if (!Files.exists(file)) {
        missing.add(s.id());
      }
    }
    int deleted = 0;
    for (Path file : files.all()) {
      if (!known.contains(file)) {
        Files.deleteIfExists(file);
        deleted++;
      }
    }
    if (deleted + missing.size() > 0) {
      LOG.info(
          "recordings: {} unfinished or unindexed files deleted, {} rows without a file dropped",
          deleted,
          missing.size());
    }
    return missing;
  }

  private static List<String> ids(List<Segment> segments) {
    return segments.stream().map(Segment::id).toList();
  }
}
