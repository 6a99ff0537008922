package io.hearth.adapters.onvif;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's event subscription kept alive the way Home Assistant keeps them: renewed at half its
 * life, and after any failure made anew with a growing pause (1 s up to 60 s). A failed
 * subscription is abandoned, never unsubscribed (the camera may have lost it already; it expires by
 * itself); only a stop unsubscribes. Each (re)subscription is a generation: what an older one
 * answers late is ignored.
 */
abstract class EventSubscription {
  private static final Logger LOG = LoggerFactory.getLogger(EventSubscription.class);
  static final long MAX_PAUSE_MS = 60_000;

  protected final Vertx vertx;
  protected final EventCalls calls;
  protected final OnvifEventSettings settings;
  protected final MotionReport report;
  protected final String cameraId;
  private boolean stopped;
  private long generation;
  private URI current;
  private long renewTimer = -1;
  private int failures;

  EventSubscription(
      Vertx vertx,
      EventCalls calls,
      OnvifEventSettings settings,
      MotionReport report,
      String cameraId) {
    this.vertx = vertx;
    this.calls = calls;
    this.settings = settings;
    this.report = report;
    this.cameraId = cameraId;
  }

  /** Makes the subscription for generation {@code gen}. */
  protected abstract Future<EventCalls.Subscription> open(long gen);

  /** The subscription of generation {@code gen} is made at {@code address}. */
  protected abstract void opened(long gen, URI address);

  final void start() {
    subscribe();
  }

  private void subscribe() {
    long gen;
    synchronized (this) {
      if (stopped) {
        return;
      }
      gen = ++generation;
    }
    open(gen).onComplete(r -> made(gen, r));
  }

  private void made(long gen, AsyncResult<EventCalls.Subscription> r) {
    synchronized (this) {
      if (!current(gen)) {
        return;
      }
      if (r.succeeded()) {
        current = r.result().address();
        renewIn(gen, r.result().lifeMs());
      }
    }
    if (r.failed()) {
      failed(gen, "could not be made", r.cause());
    } else {
      LOG.info("ONVIF camera {}: subscribed to its events", cameraId);
      opened(gen, r.result().address());
    }
  }

  private synchronized void renewIn(long gen, long lifeMs) {
    renewTimer = vertx.setTimer(Math.max(250, lifeMs / 2), t -> renew(gen));
  }

  private void renew(long gen) {
    URI address;
    synchronized (this) {
      if (!current(gen)) {
        return;
      }
      address = current;
    }
    calls
        .renew(address, settings.subscriptionSeconds())
        .onSuccess(life -> renewed(gen, life))
        .onFailure(e -> failed(gen, "could not be renewed", e));
  }

  private synchronized void renewed(long gen, long lifeMs) {
    if (current(gen)) {
      renewIn(gen, lifeMs);
    }
  }

  /** Whether generation {@code gen} is the live one. */
  protected final synchronized boolean current(long gen) {
    return !stopped && gen == generation;
  }

  /** The subscription worked (a message or an empty answer came): the next pause starts small. */
  protected final synchronized void healthy() {
    failures = 0;
  }

  /** Abandons generation {@code gen} (no Unsubscribe) and subscribes again after a pause. */
  protected final void failed(long gen, String what, Throwable e) {
    long pause;
    synchronized (this) {
      if (!current(gen)) {
        return;
      }
      generation++;
      current = null;
      vertx.cancelTimer(renewTimer);
      pause = Math.min(MAX_PAUSE_MS, 1000L << Math.min(failures++, 6));
    }
    LOG.warn(
        "ONVIF camera {}: its event subscription {}: {}; subscribing again in {} ms",
        cameraId,
        what,
        e.getMessage(),
        pause);
    vertx.setTimer(pause, t -> subscribe());
  }

  /** Stops: no more reports; the live subscription, if any, is unsubscribed (best effort). */
  Future<Void> stop() {
    URI address;
    synchronized (this) {
      stopped = true;
      vertx.cancelTimer(renewTimer);
      address = current;
      current = null;
    }
    report.close();
    closed();
    return address == null ? Future.succeededFuture() : calls.unsubscribe(address).otherwiseEmpty();
  }

  /** Releases what a subclass holds (a notification endpoint). */
  protected void closed() {}
}
