package io.hearth.bridge.relay;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * The event loop an object's state belongs to. A relay node runs one event loop per core, and a
 * viewer's socket may be on another loop than its hub's: such a socket's events are posted to the
 * owner's loop, in order, so each object's state is only ever touched by one thread and needs no
 * lock. (Writing to, pausing and closing a Vert.x socket is safe from any thread: the socket's own
 * loop does the work, which is how a viewer's TLS and system calls land on the viewer's loop.)
 */
final class Loop {
  private final Context context;
  private final Thread thread;

  private Loop(Context context, Thread thread) {
    this.context = context;
    this.thread = thread;
  }

  /** The loop of the calling thread, which must be a Vert.x event loop. */
  static Loop current() {
    Context context = Vertx.currentContext();
    if (context == null || !Context.isOnEventLoopThread()) {
      throw new IllegalStateException("not on a Vert.x event loop");
    }
    return new Loop(context, Thread.currentThread());
  }

  boolean isCurrent() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code action} on this loop: now if already on it, else after what is queued there. */
  void run(Runnable action) {
    if (isCurrent()) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /**
   * The value of {@code read} taken on this loop (for state the loop owns, read from elsewhere).
   */
  <T> io.vertx.core.Future<T> call(java.util.function.Supplier<T> read) {
    io.vertx.core.Promise<T> value = io.vertx.core.Promise.promise();
    run(() -> value.complete(read.get()));
    return value.future();
  }

  /** {@code handler}, called on this loop whatever thread the event comes from. */
  <T> Handler<T> wrap(Handler<T> handler) {
    return event -> {
      if (isCurrent()) {
        handler.handle(event);
      } else {
        context.runOnContext(v -> handler.handle(event));
      }
    };
  }
}
