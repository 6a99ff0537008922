package io.hearth.runtime.security;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.store.Database;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mechanism by which every long-lived consumer keeps its right to deliver: a video session,
 * an MJPEG response, an event feed, an MQTT client session, an in-flight snapshot. Each registers a
 * {@link Dependent} (the token it was opened with, and how to check what it depends on) and gets a
 * {@link Lease}. The lease is {@linkplain Lease#valid() valid} only while its last full check
 * provably still holds: the store's {@linkplain Database#generation() write generation} is the one
 * read before that check began, and no expiry the check reported (token, grant) has been reached.
 *
 * <p>A consumer delivers only while its lease is valid; otherwise it holds (or drops) and waits for
 * {@link Lease#whenValid()}. Any write to the store, any expiry reached, and any message on {@link
 * #ACCESS_CHANGED} makes leases stale; a stale lease is checked again at once on its consumer's
 * context, and at the latest on the next {@value #TICK_MS} ms tick. A check that fails ends the
 * consumer with the reason. So nothing is delivered on the strength of a check made before a
 * change, and access that ends (revoked, expired, role changed, unpaired, deleted) ends delivery
 * within one tick plus one store read.
 */
public final class AccessWatch {
  /** Publish anything here to re-check every lease now (after a write that changed access). */
  public static final String ACCESS_CHANGED = "hearth.access.changed";

  public static final long TICK_MS = 250;

  private static final Logger LOG = LoggerFactory.getLogger(AccessWatch.class);

  /** What a consumer depends on, checked in full again after every change of access. */
  public interface Dependent {
    /** The token the consumer was opened with; its holder is read afresh at every check. */
    String tokenId();

    /**
     * Checks again with the token's holder as the store knows it now (its role may have changed).
     * Completes with the first moment (epoch ms) at which the answer can change by time alone
     * ({@link Long#MAX_VALUE}: never), or fails with why access ended. Runs on the consumer's
     * context; must not block.
     */
    Future<Long> check(Principal holder);

    /** Access ended: stop delivering and close, with a reason a person can read. Called once. */
    void end(String reason);
  }

  private final Vertx vertx;
  private final Database db;
  private final TokenService tokens;
  private final Map<Long, Lease> leases = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private long timer = -1;

  public AccessWatch(Vertx vertx, Database db, TokenService tokens) {
    this.vertx = vertx;
    this.db = db;
    this.tokens = tokens;
  }

  /** Starts the tick and listens on {@link #ACCESS_CHANGED}. */
  public void start() {
    timer = vertx.setPeriodic(TICK_MS, id -> tick());
    vertx.eventBus().consumer(ACCESS_CHANGED, m -> changed());
  }

  /**
   * Registers a consumer and starts its first check at once; the lease is not valid before that
   * check passes. Callbacks run on the caller's context (or a new one when called off Vert.x).
   */
  public Lease register(Dependent dependent) {
    Context context = vertx.getOrCreateContext();
    Lease lease = new Lease(ids.incrementAndGet(), dependent, context, db, tokens, this::forget);
    leases.put(lease.id(), lease);
    lease.checkSoon();
    return lease;
  }

  /** Every lease stale now, each checked again at once (an access change was announced). */
  public void changed() {
    leases.values().forEach(Lease::invalidate);
  }

  /** Ends every lease with a reason (hub stopping). */
  public void close(String reason) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    List.copyOf(leases.values()).forEach(l -> l.end(reason));
    leases.clear();
  }

  private void tick() {
    long now = System.currentTimeMillis();
    long generation = db.generation();
    for (Lease lease : leases.values()) {
      if (!lease.holdsAt(generation, now)) {
        lease.checkSoon();
      }
    }
  }

  private void forget(Lease lease) {
    if (leases.remove(lease.id()) != null) {
      LOG.debug("access lease {} released", lease.id());
    }
  }
}
