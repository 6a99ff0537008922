package io.hearth.runtime.stream;

import io.hearth.runtime.media.MediaFrame;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A camera's latest group of pictures: its newest keyframe and the frames after it, so that a new
 * viewer can start decoding at once instead of waiting for the next keyframe. Bounded in frames and
 * bytes; a group that outgrows either bound is dropped whole (a partial group is useless to a
 * decoder) and caching starts again at the next keyframe. Used on one Vert.x context only.
 */
final class GopCache {
  private final int maxBytes;
  private final int maxFrames;
  private final ArrayDeque<MediaFrame> frames = new ArrayDeque<>();
  private long bytes;
  private volatile MediaFrame latestKeyframe;

  GopCache(int maxBytes, int maxFrames) {
    this.maxBytes = maxBytes;
    this.maxFrames = maxFrames;
  }

  /** Adds a frame of the camera: a keyframe starts a new group; other frames extend the group. */
  void add(MediaFrame frame) {
    if (frame.keyframe()) {
      clear();
    } else if (frames.isEmpty()) {
      return; // no keyframe to start from: a decoder could not use these frames
    }
    if (frames.size() + 1 > maxFrames || bytes + frame.payloadLength() > maxBytes) {
      clear();
      return;
    }
    frames.addLast(frame);
    bytes += frame.payloadLength();
    if (frame.keyframe()) {
      latestKeyframe = frame;
    }
  }

  /** Forgets everything, for instance when the upstream fails and its frames become stale. */
  void clear() {
    frames.clear();
    bytes = 0;
    latestKeyframe = null;
  }

  /** The cached group, keyframe first; empty when nothing usable is cached. */
  List<MediaFrame> frames() {
    return List.copyOf(frames);
  }

  /** The keyframe that starts the cached group; safe to read from any thread. */
  MediaFrame latestKeyframe() {
    return latestKeyframe;
  }

  long bytes() {
    return bytes;
  }

  int size() {
    return frames.size();
  }
}
