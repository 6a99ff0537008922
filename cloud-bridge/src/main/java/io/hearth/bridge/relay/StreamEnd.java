package io.hearth.bridge.relay;

import io.vertx.core.buffer.Buffer;

/**
 * The viewer's end of one stream as the hub's node sees it: a viewer connected to this node ({@link
 * ViewerStream}) or one on another node reached over the event bus ({@link RemoteStream}). Either
 * way bytes from the hub go to it only within the credit the hub was given for it.
 */
interface StreamEnd {
  /** Starts taking the viewer's bytes (called once the stream is numbered and the hub told). */
  void start();

  /** Bytes from the hub; false if they exceed the hub's credit (the stream is then closed). */
  boolean toViewer(Buffer bytes);

  /** Bytes held for this viewer now (bounded by one window). */
  long buffered();

  /** The hub's socket drained: take the viewer's bytes again. */
  void resume();

  /** Ends the stream toward the viewer with a close code. */
  void close(int code, String reason);
}
