package io.hearth.api;

import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.device.EventStore;
import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.security.AccessWatch;
import io.hearth.runtime.security.Lease;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * One subscriber's feed of device events (WebSocket or server-sent events): replays what it missed
 * after a given id from the store, then follows live events in store order, filtered, and only for
 * devices its principal holds an events grant for. The feed is a consumer of the {@link
 * AccessWatch}: the set of visible devices belongs to this connection alone, is read again with the
 * token's holder as it is now after every change of access and when a grant in it expires, and
 * events are delivered only while that answer provably holds (they wait meanwhile, so none slips
 * through on a stale answer). When the token is revoked or expires, or its holder is gone, the feed
 * ends.
 */
final class EventFeed implements AccessWatch.Dependent {
  static final int MAX_PENDING = 10_000;
  static final int REPLAY_PAGE = 1000;
  static final int MAX_REPLAY = 50_000;

  /** Where events go; returns false when the client cannot keep up (the feed then ends). */
  interface Sink {
    boolean send(DeviceEvent event);

    void end(String reason);
  }

  private final ModuleContext hub;
  private final Principal principal;
  private final EventFilter filter;
  private final Sink sink;
  private final Deque<DeviceEvent> pending = new ArrayDeque<>();
  private final Deque<DeviceEvent> early = new ArrayDeque<>();
  private MessageConsumer<DeviceEvent> live;
  private Lease lease;
  private volatile Set<String> visible = Set.of();
  private boolean holding = true;
  private boolean waiting;
  private boolean ended;
  private long lastSent;

  EventFeed(ModuleContext hub, Principal principal, EventFilter filter, Sink sink) {
    this.hub = hub;
    this.principal = principal;
    this.filter = filter;
    this.sink = sink;
  }

  /**
   * Starts after an event id (the caller picks it before the client learns the feed is open). The
   * live consumer is registered before the replay, so no event falls between the two; nothing is
   * sent before the first access check has passed.
   */
  void start(long after) {
    lastSent = after;
    live =
        hub.vertx().eventBus().<DeviceEvent>localConsumer(EventStore.ADDRESS, m -> offer(m.body()));
    lease = hub.accessWatch().register(this);
    live.completion()
        .compose(v -> lease.whenValid())
        .compose(v -> replay(0))
        .onComplete(
            done -> {
              if (done.failed()) {
                stop(done.cause().getMessage());
              } else {
                release();
              }
            });
  }

  void stop(String reason) {
    if (ended) {
      return;
    }
    ended = true;
    if (live != null) {
      live.unregister();
    }
    if (lease != null) {
      lease.release();
    }
    sink.end(reason);
  }

  @Override
  public String tokenId() {
    return principal.tokenId();
  }

  /** Reads which devices the holder may see events of now, and when the first such grant ends. */
  @Override
  public Future<Long> check(Principal holder) {
    if (holder.isOwner()) {
      visible = null;
      return Future.succeededFuture(Long.MAX_VALUE);
    }
    return hub.grants()
        .forPrincipal(holder.kind(), holder.id())
        .map(
            grants -> {
              long now = System.currentTimeMillis();
              visible = Grant.liveTargets(grants, Scope.EVENTS, now);
              return Grant.firstExpiry(grants, now);
            });
  }

  @Override
  public void end(String reason) {
    stop("access withdrawn: " + reason);
  }

  private Future<Void> replay(int replayed) {
    if (replayed >= MAX_REPLAY) {
      return Future.succeededFuture();
    }
    return hub.devices()
        .events()
        .after(lastSent, REPLAY_PAGE)
        .compose(
            page -> {
              page.forEach(this::enqueue);
              return page.size() < REPLAY_PAGE
                  ? Future.succeededFuture()
                  : replay(replayed + page.size());
            });
  }

  /** A live event: waits while the replay runs, else goes the way of every event. */
  private void offer(DeviceEvent event) {
    if (!holding) {
      enqueue(event);
    } else if (early.size() >= MAX_PENDING) {
      stop("too many events while catching up; resume with after=" + lastSent);
    } else {
      early.add(event);
    }
  }

  /** An event in store order: delivered now if access provably holds, else it waits. */
  private void enqueue(DeviceEvent event) {
    if (ended || event.id() <= lastQueued()) {
      return;
    }
    if (pending.isEmpty() && lease.valid()) {
      deliver(event);
      return;
    }
    if (pending.size() >= MAX_PENDING) {
      stop("too many events while catching up; resume with after=" + lastSent);
      return;
    }
    pending.add(event);
    awaitCheck();
  }

  private long lastQueued() {
    DeviceEvent last = pending.peekLast();
    return last == null ? lastSent : last.id();
  }

  /** The replay is done: live events that came meanwhile follow it, in store order. */
  private void release() {
    holding = false;
    while (!early.isEmpty() && !ended) {
      enqueue(early.poll());
    }
  }

  private void drain() {
    while (!pending.isEmpty() && !ended) {
      if (!lease.valid()) {
        awaitCheck();
        return;
      }
      deliver(pending.poll());
    }
  }

  private void awaitCheck() {
    if (waiting || ended) {
      return;
    }
    waiting = true;
    lease
        .whenValid()
        .onComplete(
            done -> {
              waiting = false;
              if (done.succeeded()) {
                drain();
              }
            });
  }

  private void deliver(DeviceEvent event) {
    if (ended || event.id() <= lastSent) {
      return;
    }
    lastSent = event.id();
    Set<String> devices = visible;
    if (filter.matches(event)
        && (devices == null || devices.contains(event.deviceId()))
        && !sink.send(event)) {
      stop("the client is too slow; reconnect and resume with after=" + lastSent);
    }
  }
}
