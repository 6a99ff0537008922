package io.hearth.runtime.recording;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * How many bytes of recordings all playbacks together may hold in memory at once (a part is one
 * decrypted stored segment: 7.5 MB for 10 s at 6 Mbit/s, so six viewers each holding two ended a
 * hub with the box's 96 MiB heap). A part asks for its bytes before it is read and gives them back
 * once it has been played; when the budget is spent, asks wait in order of asking, so playback
 * slows down instead of the hub running out of memory. A part larger than the whole budget is let
 * through when nothing else is held.
 */
final class PartBudget {
  private final long limit;
  private final Deque<Waiting> waiting = new ArrayDeque<>();
  private long held;
  private long peak;

  PartBudget(long limit) {
    this.limit = limit;
  }

  /** Bytes held for one part: {@link #release()} once (more calls do nothing). */
  final class Reservation {
    private final long bytes;
    private boolean released;

    private Reservation(long bytes) {
      this.bytes = bytes;
    }

    void release() {
      List<Waiting> granted;
      synchronized (PartBudget.this) {
        if (released) {
          return;
        }
        released = true;
        held -= bytes;
        granted = grantWaiting();
      }
      granted.forEach(w -> w.promise.complete(w.reservation));
    }
  }

  private record Waiting(long bytes, Promise<Reservation> promise, Reservation reservation) {}

  /** The bytes, now if they fit and nobody waits before, else once they do. */
  Future<Reservation> reserve(long bytes) {
    synchronized (this) {
      if (waiting.isEmpty() && fits(bytes)) {
        return Future.succeededFuture(take(bytes));
      }
      Promise<Reservation> promise = Promise.promise();
      waiting.addLast(new Waiting(bytes, promise, new Reservation(bytes)));
      return promise.future();
    }
  }

  /** The bytes if they fit now and nobody waits (a read ahead, which must not jump the queue). */
  synchronized Reservation reserveIfFree(long bytes) {
    return waiting.isEmpty() && fits(bytes) ? take(bytes) : null;
  }

  long limit() {
    return limit;
  }

  /** Bytes held now, and the most held at once so far. */
  synchronized long[] heldAndPeak() {
    return new long[] {held, peak};
  }

  private boolean fits(long bytes) {
    return held == 0 || held + bytes <= limit;
  }

  private Reservation take(long bytes) {
    held += bytes;
    peak = Math.max(peak, held);
    return new Reservation(bytes);
  }

  /** Under the lock: the waiting asks that now fit, in order, taken. */
  private List<Waiting> grantWaiting() {
    List<Waiting> granted = new ArrayList<>();
    while (!waiting.isEmpty() && fits(waiting.peekFirst().bytes)) {
      Waiting next = waiting.removeFirst();
      held += next.bytes;
      peak = Math.max(peak, held);
      granted.add(next);
    }
    return granted;
  }
}
