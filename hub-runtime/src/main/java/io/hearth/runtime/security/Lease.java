package io.hearth.runtime.security;

import io.hearth.runtime.store.Database;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One consumer's right to deliver, kept by {@link AccessWatch}: valid only while its last full
 * check still holds (same store write generation, no reported expiry reached). {@link #valid()} is
 * cheap and safe from any thread, so a consumer may ask it for every frame, event or message.
 * Checks, waiters and the end callback run on the consumer's own context.
 */
public final class Lease {
  private static final int MAX_RETRIES = 3;

  /** A full check that passed: the write generation read before it began, and its expiry. */
  private record Checked(long generation, long validUntil) {}

  private final long id;
  private final AccessWatch.Dependent dependent;
  private final Context context;
  private final Database db;
  private final TokenService tokens;
  private final Consumer<Lease> onRelease;
  private final List<Promise<Void>> waiters = new ArrayList<>();
  private volatile Checked checked;
  private volatile boolean ended;
  private boolean checking;
  private boolean again;
  private int retries;

  Lease(
      long id,
      AccessWatch.Dependent dependent,
      Context context,
      Database db,
      TokenService tokens,
      Consumer<Lease> onRelease) {
    this.id = id;
    this.dependent = dependent;
    this.context = context;
    this.db = db;
    this.tokens = tokens;
    this.onRelease = onRelease;
  }

  long id() {
    return id;
  }

  /** Whether the consumer may deliver now: its last full check provably still holds. */
  public boolean valid() {
    return !ended && holdsAt(db.generation(), System.currentTimeMillis());
  }

  boolean holdsAt(long generation, long now) {
    Checked last = checked;
    return last != null && last.generation() == generation && now < last.validUntil();
  }

  /** Whether access ended (or the consumer released the lease). */
  public boolean ended() {
    return ended;
  }

  /**
   * Completes once the lease is valid (at once if it is), after a new check if needed; fails if
   * access ends first. Completes on the consumer's context.
   */
  public Future<Void> whenValid() {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(
        v -> {
          if (ended) {
            promise.fail("access ended");
          } else if (valid()) {
            promise.complete();
          } else {
            waiters.add(promise);
            run();
          }
        });
    return promise.future();
  }

  /** The consumer closed: no more checks, no end callback. */
  public void release() {
    ended = true;
    onRelease.accept(this);
    context.runOnContext(v -> failWaiters());
  }

  /** Ends access now with a reason: the consumer's end callback runs once, on its context. */
  public void end(String reason) {
    context.runOnContext(v -> finish(reason));
  }

  void invalidate() {
    checked = null;
    checkSoon();
  }

  void checkSoon() {
    context.runOnContext(v -> run());
  }

  private void run() {
    if (ended) {
      return;
    }
    if (checking) {
      again = true;
      return;
    }
    if (valid()) {
      completeWaiters();
      return;
    }
    checking = true;
    long generation = db.generation();
    check()
        .onComplete(
            result -> {
              checking = false;
              if (result.failed()) {
                finish(reasonOf(result.cause()));
                return;
              }
              checked = new Checked(generation, result.result());
              afterCheck();
            });
  }

  private Future<Long> check() {
    if (dependent.tokenId() == null) {
      return Future.failedFuture("no token to check");
    }
    return tokens
        .principalAndExpiryOfToken(dependent.tokenId())
        .compose(
            holder ->
                dependent
                    .check(holder.principal())
                    .map(
                        until ->
                            holder.expiresAt() == null
                                ? until
                                : Math.min(until, holder.expiresAt())));
  }

  /**
   * The store moved while the check ran: check again at once, a few times in a row at most (a store
   * written without pause must not keep this busy); after that the tick asks again.
   */
  private void afterCheck() {
    if (valid()) {
      again = false;
      retries = 0;
      completeWaiters();
    } else if (again || retries < MAX_RETRIES) {
      again = false;
      retries++;
      run();
    }
  }

  private void finish(String reason) {
    if (ended) {
      return;
    }
    ended = true;
    onRelease.accept(this);
    failWaiters();
    dependent.end(reason);
  }

  private void completeWaiters() {
    List<Promise<Void>> ready = List.copyOf(waiters);
    waiters.clear();
    ready.forEach(Promise::tryComplete);
  }

  private void failWaiters() {
    List<Promise<Void>> gone = List.copyOf(waiters);
    waiters.clear();
    gone.forEach(p -> p.tryFail("access ended"));
  }

  private static String reasonOf(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
