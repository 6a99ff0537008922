package io.hearth.runtime.testing;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.stream.Viewer;

/**
 * A test viewer of one camera, always ready, deaf to statuses: a subclass says what it does with
 * the frames it gets ({@link RecordingViewer} keeps them, {@link PictureSizes} counts them by
 * size).
 */
public abstract class BaseViewer implements Viewer {
  private final String cameraId;

  protected BaseViewer(String cameraId) {
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
  public void status(CameraStatus status) {}
}
