package io.hearth.bridge.relay;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;
import java.util.function.Consumer;

/**
 * Binary WebSocket messages from a socket's frames, without the copy of every message that Vert.x's
 * own message handler makes: a message in one frame (every relay frame, unless the peer fragments
 * it) is handed on as that frame's buffer, and only a fragmented one is joined, up to {@code
 * maxBytes}. A text message, or a message over the bound, is bad input. Control frames are left to
 * Vert.x.
 */
final class WholeMessages {
  private final int maxBytes;
  private final Consumer<Buffer> onMessage;
  private final Consumer<String> onBad;
  private Buffer partial;

  private WholeMessages(int maxBytes, Consumer<Buffer> onMessage, Consumer<String> onBad) {
    this.maxBytes = maxBytes;
    this.onMessage = onMessage;
    this.onBad = onBad;
  }

  /** Replaces the socket's message handlers with this reader. */
  static void attach(
      WebSocketBase ws, int maxBytes, Consumer<Buffer> onMessage, Consumer<String> onBad) {
    attach(ws, null, maxBytes, onMessage, onBad);
  }

  /**
   * As {@link #attach(WebSocketBase, int, Consumer, Consumer)}, reading the socket's frames on
   * {@code owner}'s loop (the loop of whoever consumes the messages), or the socket's own if null.
   */
  static void attach(
      WebSocketBase ws,
      Loop owner,
      int maxBytes,
      Consumer<Buffer> onMessage,
      Consumer<String> onBad) {
    ws.binaryMessageHandler(null);
    ws.textMessageHandler(null);
    WholeMessages reader = new WholeMessages(maxBytes, onMessage, onBad);
    ws.frameHandler(owner == null ? reader::frame : owner.wrap(reader::frame));
  }

  private void frame(WebSocketFrame frame) {
    switch (frame.type()) {
      case BINARY -> binary(frame);
      case CONTINUATION -> continuation(frame);
      case TEXT -> bad("text message");
      default -> {}
    }
  }

  private void binary(WebSocketFrame frame) {
    if (partial != null) {
      bad("a new message inside a fragmented one");
    } else if (frame.isFinal()) {
      onMessage.accept(frame.binaryData());
    } else {
      partial = Buffer.buffer().appendBuffer(frame.binaryData());
      checkSize();
    }
  }

  private void continuation(WebSocketFrame frame) {
    if (partial == null) {
      return; // the rest of a text message (already refused) or of nothing
    }
    partial.appendBuffer(frame.binaryData());
    if (checkSize() && frame.isFinal()) {
      Buffer whole = partial;
      partial = null;
      onMessage.accept(whole);
    }
  }

  private boolean checkSize() {
    if (partial.length() > maxBytes) {
      bad("a message over " + maxBytes + " bytes");
      return false;
    }
    return true;
  }

  private void bad(String why) {
    partial = null;
    onBad.accept(why);
  }
}
