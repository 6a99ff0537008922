package io.hearth.bridge.link;

import io.hearth.bridge.wire.Frame;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One remote viewer as the hub sees it through the relay: bytes in, bytes out, an end. Writes are
 * split into frames and sent only within the credit the relay gives; what does not fit waits here,
 * and {@link #queued()} says how much, so the writer (a stream session) can skip to the next
 * keyframe rather than let it grow.
 */
public final class RelayStream {
  private final int number;
  private final RelayLink link;
  private final ArrayDeque<Buffer> waiting = new ArrayDeque<>();
  private Consumer<Buffer> handler = b -> {};
  private Runnable endHandler = () -> {};
  private long credit;
  private volatile long queued; // read by monitors on other threads
  private volatile boolean ended;

  RelayStream(int number, RelayLink link) {
    this.number = number;
    this.link = link;
  }

  int number() {
    return number;
  }

  public RelayStream handler(Consumer<Buffer> handler) {
    this.handler = handler;
    return this;
  }

  public RelayStream endHandler(Runnable endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  /** Sends bytes to the viewer, now if credit allows, else once it does. */
  public void write(Buffer bytes) {
    if (ended) {
      return;
    }
    for (int at = 0; at < bytes.length(); at += Frame.MAX_PAYLOAD) {
      Buffer piece = bytes.getBuffer(at, Math.min(bytes.length(), at + Frame.MAX_PAYLOAD));
      waiting.add(piece);
      queued += piece.length();
    }
    pump();
  }

  /** Whether the stream has ended (the viewer left, or the relay or hub closed it). */
  public boolean isEnded() {
    return ended;
  }

  /** Bytes written but not yet sent for lack of credit. */
  public long queued() {
    return queued;
  }

  public void close() {
    if (!ended) {
      ended = true;
      link.ended(number);
    }
  }

  void received(Buffer bytes) {
    if (!ended) {
      handler.accept(bytes);
    }
  }

  void credit(int bytes) {
    credit += bytes;
    pump();
  }

  void ended() {
    if (!ended) {
      ended = true;
      waiting.clear();
      queued = 0;
      endHandler.run();
    }
  }

  private void pump() {
    while (!ended && !waiting.isEmpty() && waiting.peek().length() <= credit) {
      Buffer piece = waiting.poll();
      credit -= piece.length();
      queued -= piece.length();
      link.send(Frame.of(Frame.DATA, number, piece));
    }
  }
}
