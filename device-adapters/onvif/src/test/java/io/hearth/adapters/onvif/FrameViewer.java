package io.hearth.adapters.onvif;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.stream.Viewer;
import java.util.concurrent.atomic.AtomicInteger;

/** A viewer that counts the H.264 frames (and keyframes) it gets. */
final class FrameViewer implements Viewer {
  final AtomicInteger frames = new AtomicInteger();
  final AtomicInteger keyframes = new AtomicInteger();
  volatile CameraStatus lastStatus;
  private final String cameraId;

  FrameViewer(String cameraId) {
    this.cameraId = cameraId;
  }

  @Override
  public String cameraId() {
    return cameraId;
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public void deliver(MediaFrame frame) {
    if (frame.codec() == Codec.H264 && frame.cameraId().equals(cameraId)) {
      frames.incrementAndGet();
      if (frame.keyframe()) {
        keyframes.incrementAndGet();
      }
    }
  }

  @Override
  public void status(CameraStatus status) {
    lastStatus = status;
  }
}
