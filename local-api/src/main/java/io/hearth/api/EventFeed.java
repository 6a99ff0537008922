package io.hearth.api;

import io.hearth.runtime.HubContext;
import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.device.EventStore;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.session.StreamSessions;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One subscriber's feed of device events (WebSocket or server-sent events): replays what it missed
 * after a given id from the store, then follows live events in store order, filtered, and only for
 * devices its principal holds an events grant for. The set of visible devices belongs to this
 * connection alone and is read again from the store whenever access changes; events wait meanwhile,
 * so none slips through on a stale answer.
 */
final class EventFeed {
  static final int MAX_PENDING = 10_000;
  static final int REPLAY_PAGE = 1000;
  static final int MAX_REPLAY = 50_000;

  /** Where events go; returns false when the client cannot keep up (the feed then ends). */
  interface Sink {
    boolean send(DeviceEvent event);

    void end(String reason);
  }

  private final HubContext hub;
  private final Principal principal;
  private final EventFilter filter;
  private final Sink sink;
  private final Deque<DeviceEvent> pending = new ArrayDeque<>();
  private MessageConsumer<JsonObject> live;
  private MessageConsumer<Object> accessChanges;
  private Set<String> visible;
  private boolean holding = true;
  private boolean ended;
  private long lastSent;

  EventFeed(HubContext hub, Principal principal, EventFilter filter, Sink sink) {
    this.hub = hub;
    this.principal = principal;
    this.filter = filter;
    this.sink = sink;
  }

  /**
   * Starts after an event id (the caller picks it before the client learns the feed is open). The
   * live consumer is registered before the replay, so no event falls between the two.
   */
  void start(long after) {
    lastSent = after;
    live =
        hub.vertx()
            .eventBus()
            .consumer(EventStore.ADDRESS, m -> offer(DeviceEvent.fromJson(m.body())));
    accessChanges =
        hub.vertx().eventBus().consumer(StreamSessions.ACCESS_CHANGED, m -> reauthorise());
    live.completion()
        .compose(v -> accessChanges.completion())
        .compose(v -> loadVisible())
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
    if (accessChanges != null) {
      accessChanges.unregister();
    }
    sink.end(reason);
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
              page.forEach(this::deliver);
              return page.size() < REPLAY_PAGE
                  ? Future.succeededFuture()
                  : replay(replayed + page.size());
            });
  }

  private void offer(DeviceEvent event) {
    if (holding) {
      if (pending.size() >= MAX_PENDING) {
        stop("too many events while catching up; resume with after=" + lastSent);
        return;
      }
      pending.add(event);
    } else {
      deliver(event);
    }
  }

  private void release() {
    holding = false;
    while (!pending.isEmpty() && !ended) {
      deliver(pending.poll());
    }
  }

  private void deliver(DeviceEvent event) {
    if (ended || event.id() <= lastSent) {
      return;
    }
    lastSent = event.id();
    if (filter.matches(event)
        && (visible == null || visible.contains(event.deviceId()))
        && !sink.send(event)) {
      stop("the client is too slow; reconnect and resume with after=" + lastSent);
    }
  }

  private void reauthorise() {
    holding = true;
    hub.tokens()
        .principalOfToken(principal.tokenId())
        .compose(now -> loadVisible())
        .onFailure(e -> stop("access withdrawn: " + e.getMessage()))
        .onSuccess(v -> release());
  }

  /** Null means everything (the owner). */
  private Future<Void> loadVisible() {
    if (principal.isOwner()) {
      visible = null;
      return Future.succeededFuture();
    }
    return hub.grants()
        .forPrincipal(principal.kind(), principal.id())
        .map(
            grants -> {
              long now = System.currentTimeMillis();
              visible =
                  grants.stream()
                      .filter(g -> g.allows(Scope.EVENTS, false, now))
                      .map(g -> g.targetId())
                      .collect(Collectors.toUnmodifiableSet());
              return null;
            });
  }
}
