package io.hearth.runtime.recording;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.session.Fmp4Boxes;
import io.hearth.runtime.session.PlaybackSource;
import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Reads recordings back: one segment, or a time range (an event's clip, or continuous recording
 * from/to) as one fragmented MP4: the first segment's init segment, then the fragments of every
 * segment in the range that shares it (the recorder keeps one muxer while the parameter sets hold,
 * so their decode times follow on). The range stops at a change of parameter sets, at {@link
 * #MAX_SEGMENTS} segments or {@link #MAX_BYTES}. Decryption runs on the writer's thread.
 */
final class Clips {
  static final int MAX_SEGMENTS = 90;
  static final long MAX_BYTES = 192L << 20;

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
        .compose(s -> decrypt(s).map(mp4 -> source(s, s.startedAt(), s.endedAt(), mp4)));
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
              List<Future<byte[]>> keys =
                  segments.stream().map(s -> index.wrappedKey(s.id())).toList();
              return Future.all(keys)
                  .compose(all -> writer.onThread(() -> join(segments, all.<byte[]>list())));
            });
  }

  Future<byte[]> decrypt(Segment s) {
    return index.wrappedKey(s.id()).compose(wrapped -> writer.onThread(() -> open(s, wrapped)));
  }

  private byte[] open(Segment s, byte[] wrapped) throws java.io.IOException {
    return SegmentCipher.open(
        key.unwrap(s.id(), wrapped), s.cameraId(), s.id(), files.read(s.cameraId(), s.id()));
  }

  /** Blocking: reads, opens and joins the segments (the writer's thread). */
  private PlaybackSource join(List<Segment> segments, List<byte[]> keys) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] init = null;
    Segment first = segments.get(0);
    Segment last = first;
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      Fmp4Boxes.Split split = Fmp4Boxes.split(open(s, keys.get(i)));
      if (init == null) {
        init = split.init();
        out.writeBytes(init);
      } else if (!Arrays.equals(init, split.init()) || out.size() > MAX_BYTES) {
        break;
      }
      split.fragments().forEach(out::writeBytes);
      last = s;
    }
    return source(first, first.startedAt(), last.endedAt(), out.toByteArray());
  }

  private static PlaybackSource source(Segment s, long from, long to, byte[] mp4) {
    return new PlaybackSource(s.mime(), s.width(), s.height(), to - from, mp4);
  }
}
