package io.hearth.runtime.stream;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.media.MediaFrame;

/**
 * One receiver of a camera's frames, as the {@link Switchboard} sees it: a stream session's writer
 * implements it. The switchboard calls it on its own Vert.x context only, never blocks on it, and
 * checks each frame's camera against {@link #cameraId()} before {@link #deliver} (promise 2).
 */
public interface Viewer {
  /** The one camera this viewer may receive frames of. */
  String cameraId();

  /** Whether the viewer can take a frame now; false while its socket's write queue is full. */
  boolean ready();

  /** A frame of {@link #cameraId()}; the viewer must not block. */
  void deliver(MediaFrame frame);

  /** The camera's status changed (connecting, online, offline and why). */
  void status(CameraStatus status);
}
