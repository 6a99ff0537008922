package io.hearth.runtime.session;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.stream.Viewer;

/** A session as the switchboard sees it: frames go through its encoder into its transport. */
final class EncodingViewer implements Viewer {
  private final SessionEncoder encoder;
  private final ChunkSink sink;

  EncodingViewer(SessionEncoder encoder, ChunkSink sink) {
    this.encoder = encoder;
    this.sink = sink;
  }

  @Override
  public String cameraId() {
    return encoder.session().cameraId();
  }

  @Override
  public boolean ready() {
    return sink.ready();
  }

  @Override
  public void deliver(MediaFrame frame) {
    encoder.frame(frame, sink);
  }

  @Override
  public void status(CameraStatus status) {
    encoder.status(status, sink);
  }
}
