package io.hearth.runtime.camera;

import io.hearth.runtime.media.MediaFrame;

/**
 * Where a {@link MediaSource} delivers: frames, and status changes. Called on the source's Vert.x
 * context, never from a library thread.
 */
public interface MediaSink {
  /**
   * A complete frame: an H.264/H.265 access unit (length-prefixed NAL units; every keyframe carries
   * its parameter sets in-band, so a viewer can start from any keyframe) or one JPEG.
   */
  void frame(MediaFrame frame);

  /** The source's state changed; OFFLINE ends this connection (the switchboard reconnects). */
  void status(CameraStatus status);
}
