package io.hearth.bridge.relay;

import io.hearth.bridge.wire.Frame;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * One remote viewer joined to a hub: its WebSocket, the stream number the hub knows it by, and the
 * credit the hub has left for it. Bytes from the hub are written to the viewer only within that
 * credit; the credit goes back to the hub in batches of up to half a window, once the bytes are in
 * the viewer's socket and its write queue is below its high-water mark (else once it drains). So
 * the relay holds at most one window plus that mark for a viewer that stops reading, and the hub
 * hears one CREDIT frame per half window rather than one per DATA frame. Its state belongs to the
 * hub's loop: the viewer's socket may be on another loop of the node, and its events are then
 * posted to the hub's.
 */
final class ViewerStream implements StreamEnd {
  private final int number;
  private final ServerWebSocket ws;
  private final HubConnection hub;
  private final int window;
  private final int returnBatch;
  private long credit;
  private volatile int toReturn; // read by monitors on other threads
  private boolean draining;
  private boolean closed;

  ViewerStream(int number, ServerWebSocket ws, HubConnection hub, int window) {
    this.number = number;
    this.ws = ws;
    this.hub = hub;
    this.window = window;
    this.credit = window;
    this.returnBatch = returnBatch(window);
  }

  /**
   * Half a window, but never so much that the hub is left without credit for one full frame while
   * the rest waits here to be given back.
   */
  static int returnBatch(int window) {
    return Math.max(1, Math.min(window / 2, window - Frame.MAX_PAYLOAD));
  }

  @Override
  public void start() {
    Loop loop = hub.loop();
    WholeMessages.attach(
        ws,
        loop,
        Frame.MAX_PAYLOAD,
        bytes -> {
          if (!hub.fromViewer(number, bytes)) {
            ws.pause();
          }
        },
        why -> close(4400, why));
    ws.closeHandler(loop.wrap(v -> gone()));
    if (ws.isClosed()) {
      gone(); // left while being handed to its hub's loop
    } else {
      ws.resume(); // paused by the node while being handed over
    }
  }

  private void gone() {
    closed = true;
    hub.viewerGone(number);
  }

  /** Bytes from the hub; false if they exceed the credit the hub was given (a broken hub). */
  @Override
  public boolean toViewer(Buffer bytes) {
    if (closed) {
      return true;
    }
    int length = bytes.length();
    if (length > credit) {
      close(4409, "the hub sent more than its credit");
      return false;
    }
    credit -= length;
    toReturn += length;
    ws.writeBinaryMessage(bytes);
    if (ws.writeQueueFull()) {
      awaitDrain();
    } else if (!draining && toReturn >= returnBatch) {
      giveBack();
    }
    return true;
  }

  /** Bytes taken from the hub for this viewer and not yet credited back (at most one window). */
  @Override
  public long buffered() {
    return Math.min(window, toReturn);
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

  private void awaitDrain() {
    if (!draining) {
      draining = true;
      ws.drainHandler(
          hub.loop()
              .wrap(
                  v -> {
                    draining = false;
                    giveBack();
                  }));
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
