package io.hearth.runtime.recording;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.session.Fmp4Boxes;
import io.hearth.runtime.session.PlaybackSource;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;

/**
 * Reads recordings back: one segment, or a time range (an event's clip, or continuous recording
 * from/to) as one fragmented MP4 played part by part: the first segment's init segment and
 * fragments, then the fragments of each later segment that shares it, read and decrypted only when
 * the player asks for it (the recorder keeps one muxer while the parameter sets hold, so their
 * decode times follow on). The range stops at a change of parameter sets or after {@link
 * #MAX_SEGMENTS} segments. Reading and decryption run on the writer's thread, one segment at a
 * time; a part read waits for room in the playbacks' {@link PartBudget}.
 */
final class Clips {
  static final int MAX_SEGMENTS = 90;

  private final SegmentIndex index;
  private final SegmentFiles files;
  private final SegmentWriter writer;
  private final RecordingKey key;
  private final PartBudget budget;

  Clips(
      SegmentIndex index,
      SegmentFiles files,
      SegmentWriter writer,
      RecordingKey key,
      PartBudget budget) {
    this.index = index;
    this.files = files;
    this.writer = writer;
    this.key = key;
    this.budget = budget;
  }

  /** Bytes the playbacks hold now, and the most at once so far. */
  long[] heldAndPeak() {
    return budget.heldAndPeak();
  }

  long budgetLimit() {
    return budget.limit();
  }

  /** One segment of {@code cameraId}; 404 when there is none, or it is another camera's. */
  Future<Segment> segment(String cameraId, String segmentId) {
    return index
        .get(segmentId)
        .map(
            found ->
                found
                    .filter(s -> s.cameraId().equals(cameraId))
                    .orElseThrow(
                        () ->
                            HubException.notFound(
                                "camera " + cameraId + " has no recording " + segmentId)));
  }

  Future<PlaybackSource> one(String cameraId, String segmentId) {
    return segment(cameraId, segmentId)
        .compose(
            s ->
                budget
                    .reserve(s.bytes())
                    .compose(held -> part(s, held))
                    .map(first -> source(s, first, PlaybackSource.NONE)));
  }

  /**
   * The segments of {@code cameraId} overlapping [from, to] as one MP4; 404 when there are none.
   */
  Future<PlaybackSource> range(String cameraId, long from, long to) {
    return index
        .list(cameraId, from, to, MAX_SEGMENTS)
        .compose(
            segments -> {
              if (segments.isEmpty()) {
                return Future.failedFuture(
                    HubException.notFound("camera " + cameraId + " has no recording then"));
              }
              Segment first = segments.get(0);
              return budget
                  .reserve(first.bytes())
                  .compose(held -> part(first, held))
                  .map(
                      part ->
                          source(
                              first,
                              part,
                              new Following(segments.subList(1, segments.size()), part.init())));
            });
  }

  Future<byte[]> decrypt(Segment s) {
    return index.wrappedKey(s.id()).compose(wrapped -> writer.onThread(() -> open(s, wrapped)));
  }

  /** A segment read, decrypted and cut into fragments (views), holding {@code held}. */
  private Future<Read> part(Segment s, PartBudget.Reservation held) {
    return index
        .wrappedKey(s.id())
        .compose(wrapped -> writer.onThread(() -> Fmp4Boxes.views(open(s, wrapped))))
        .map(
            views ->
                new Read(
                    views.init(),
                    new PlaybackSource.Part(
                        views.fragments(), s.endedAt() - s.startedAt(), held::release)))
        .onFailure(e -> held.release());
  }

  /** A part as read, with the init segment it was muxed under. */
  private record Read(byte[] init, PlaybackSource.Part part) {}

  private byte[] open(Segment s, byte[] wrapped) throws java.io.IOException {
    return SegmentCipher.open(
        key.unwrap(s.id(), wrapped), s.cameraId(), s.id(), files.read(s.cameraId(), s.id()));
  }

  private static PlaybackSource source(Segment s, Read first, PlaybackSource.Parts rest) {
    return new PlaybackSource(s.mime(), s.width(), s.height(), first.init(), first.part(), rest);
  }

  /** The segments after a range's first, one at a time, until one with other parameter sets. */
  private final class Following implements PlaybackSource.Parts {
    private final List<Segment> segments;
    private final byte[] init;
    private int next;
    private boolean stopped;

    Following(List<Segment> segments, byte[] init) {
      this.segments = segments;
      this.init = init;
    }

    @Override
    public synchronized Future<PlaybackSource.Part> next() {
      if (over()) {
        return Future.succeededFuture(null);
      }
      Segment s = segments.get(next++);
      return budget.reserve(s.bytes()).compose(held -> read(s, held));
    }

    @Override
    public synchronized Future<PlaybackSource.Part> nextIfFree() {
      if (over()) {
        return Future.succeededFuture(null);
      }
      PartBudget.Reservation held = budget.reserveIfFree(segments.get(next).bytes());
      if (held == null) {
        return null;
      }
      return read(segments.get(next++), held);
    }

    private boolean over() {
      return stopped || next >= segments.size();
    }

    private Future<PlaybackSource.Part> read(Segment s, PartBudget.Reservation held) {
      return part(s, held).map(read -> kept(read));
    }

    private synchronized PlaybackSource.Part kept(Read read) {
      if (!Arrays.equals(init, read.init())) {
        stopped = true; // the camera's parameter sets changed: another muxer, another clip
        read.part().release();
        return null;
      }
      return read.part();
    }
  }
}
