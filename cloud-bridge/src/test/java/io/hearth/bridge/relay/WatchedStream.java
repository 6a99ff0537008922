package io.hearth.bridge.relay;

import io.hearth.bridge.link.RelayStream;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A home's live stream and its check at the viewer: the hub writes a chunk every {@code periodMs}
 * (sequence number, send time, then bytes derived from the sequence number); the viewer checks
 * every chunk arrives in order and intact and records the worst latency. Same JVM on both ends, so
 * send times compare directly.
 */
final class WatchedStream {
  final AtomicLong chunks = new AtomicLong();
  final AtomicLong worstMicros = new AtomicLong();
  final AtomicReference<String> broken = new AtomicReference<>();
  private long expected;

  /** The hub's side: starts writing on {@code stream} until it ends. */
  static void feed(Vertx vertx, RelayStream stream, int chunkBytes, long periodMs) {
    int[] seq = {0};
    vertx.setPeriodic(
        periodMs,
        t -> {
          if (stream.isEnded()) {
            vertx.cancelTimer(t);
          } else {
            stream.write(chunk(seq[0]++, chunkBytes));
          }
        });
  }

  static Buffer chunk(int seq, int size) {
    Buffer b = Buffer.buffer(size).appendInt(seq).appendLong(System.nanoTime());
    for (int i = 12; i < size; i++) {
      b.appendByte((byte) (seq * 31 + i));
    }
    return b;
  }

  /** The viewer's side: one message. */
  void received(Buffer b) {
    long now = System.nanoTime();
    int seq = b.getInt(0);
    if (seq != expected) {
      broken.compareAndSet(null, "chunk " + seq + " arrived where " + expected + " was due");
    }
    for (int i = 12; i < b.length(); i++) {
      if (b.getByte(i) != (byte) (seq * 31 + i)) {
        broken.compareAndSet(null, "chunk " + seq + " is corrupt at byte " + i);
        break;
      }
    }
    expected = seq + 1;
    worstMicros.accumulateAndGet((now - b.getLong(4)) / 1000, Math::max);
    chunks.incrementAndGet();
  }
}
