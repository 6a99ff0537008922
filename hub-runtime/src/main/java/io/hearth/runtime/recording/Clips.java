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
 * #MAX_SEGMENTS} segments. Reading and decryption run on the writer's thread.
 */
final class Clips {
  static final int MAX_SEGMENTS = 90;

  private final SegmentIndex index;
  private final SegmentFiles files;
  private final SegmentWriter writer;
  private final RecordingKey key;

  Clips(SegmentIndex index, SegmentFiles files, SegmentWriter writer, RecordingKey key) {
    this.index = index;
    this.files = files;
    this.writer = writer;
    this.key = key;
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
        .compose(s -> split(s).map(first -> source(s, first, PlaybackSource.NONE)));
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
              return split(first)
                  .map(
                      split ->
                          source(
                              first,
                              split,
                              new Following(segments.subList(1, segments.size()), split.init())));
            });
  }

  Future<byte[]> decrypt(Segment s) {
    return index.wrappedKey(s.id()).compose(wrapped -> writer.onThread(() -> open(s, wrapped)));
  }

  /** A segment read, decrypted and split into its init segment and fragments. */
  private Future<Fmp4Boxes.Split> split(Segment s) {
    return index
        .wrappedKey(s.id())
        .compose(wrapped -> writer.onThread(() -> Fmp4Boxes.split(open(s, wrapped))));
  }

  private byte[] open(Segment s, byte[] wrapped) throws java.io.IOException {
    return SegmentCipher.open(
        key.unwrap(s.id(), wrapped), s.cameraId(), s.id(), files.read(s.cameraId(), s.id()));
  }

  private static PlaybackSource source(
      Segment s, Fmp4Boxes.Split first, PlaybackSource.Parts rest) {
    return new PlaybackSource(s.mime(), s.width(), s.height(), first.init(), part(s, first), rest);
  }

  private static PlaybackSource.Part part(Segment s, Fmp4Boxes.Split split) {
    return new PlaybackSource.Part(split.fragments(), s.endedAt() - s.startedAt());
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
      if (stopped || next >= segments.size()) {
        return Future.succeededFuture(null);
      }
      Segment s = segments.get(next++);
      return split(s).map(split -> kept(s, split));
    }

    private synchronized PlaybackSource.Part kept(Segment s, Fmp4Boxes.Split split) {
      if (!Arrays.equals(init, split.init())) {
        stopped = true; // the camera's parameter sets changed: another muxer, another clip
        return null;
      }
      return part(s, split);
    }
  }
}
