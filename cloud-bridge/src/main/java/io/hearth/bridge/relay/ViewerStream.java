package io.hearth.bridge.relay;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * One remote viewer joined to a hub: its WebSocket, the stream number the hub knows it by, and the
 * credit the hub has left for it. Bytes from the hub are written to the viewer only within that
 * credit; the credit goes back to the hub as the viewer's socket takes them.
 */
final class ViewerStream implements StreamEnd {
  private static final int RETURN_BATCH = 16 * 1024;

  private final int number;
  private final ServerWebSocket ws;
  private final HubConnection hub;
  private long credit;
  private volatile long buffered; // read by monitors on other threads
  private int toReturn;
  private boolean closed;

  ViewerStream(int number, ServerWebSocket ws, HubConnection hub, int window) {
    this.number = number;
    this.ws = ws;
    this.hub = hub;
    this.credit = window;
  }

  @Override
  public void start() {
    ws.binaryMessageHandler(
        bytes -> {
          if (!hub.fromViewer(number, bytes)) {
            ws.pause();
          }
        });
    ws.textMessageHandler(t -> close(4400, "text messages are not relayed"));
    ws.closeHandler(
        v -> {
          closed = true;
          hub.viewerGone(number);
        });
  }

  /** Bytes from the hub; false if they exceed the credit the hub was given (a broken hub). */
  @Override
  public boolean toViewer(Buffer bytes) {
    if (closed) {
      return true;
    }
    if (bytes.length() > credit) {
      close(4409, "the hub sent more than its credit");
      return false;
    }
    credit -= bytes.length();
    buffered += bytes.length();
    int length = bytes.length();
    ws.writeBinaryMessage(bytes).onComplete(done -> written(length));
    return true;
  }

  @Override
  public long buffered() {
    return buffered;
  }

  @Override
  public void resume() {
    if (!closed) {
      ws.resume();
    }
  }

  @Override
  public void close(int code, String reason) {
    if (!closed) {
      closed = true;
      ws.close((short) code, reason);
    }
  }

  /**
   * A write completed, which only means the bytes reached the socket's own buffer: credit goes back
   * to the hub only while that buffer is below its high-water mark, else once it drains. So what
   * the relay holds for a viewer that stops reading stays bounded by the window plus that mark.
   */
  private void written(int length) {
    buffered -= length;
    toReturn += length;
    if (ws.writeQueueFull()) {
      ws.drainHandler(v -> giveBack());
    } else if (toReturn >= RETURN_BATCH || buffered == 0) {
      giveBack();
    }
  }

  private void giveBack() {
    if (toReturn > 0 && !closed) {
      credit += toReturn;
      hub.credit(number, toReturn);
      toReturn = 0;
    }
  }
}
