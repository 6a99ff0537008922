package io.hearth.api.mqtt;

import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.security.AccessWatch;
import io.hearth.runtime.security.Lease;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * One MQTT client's access, kept by the hub's {@link AccessWatch} like every other long-lived
 * consumer's: registered at CONNECT with the token it authenticated with, checked in full again
 * (the token's holder as it is now, and its grants) after every change of access and when a grant
 * or the token expires. Every decision (publish, subscribe, and each message delivered, queued and
 * retained ones included) is made from the {@link TopicView} of a check that provably still holds;
 * while none does, decisions wait. When access ends, the connection ends.
 */
final class ClientAccess implements AccessWatch.Dependent {
  private final ModuleContext hub;
  private final String tokenId;
  private final TopicOwners owners;
  private final List<String> devicePrefixes;
  private volatile TopicView view;
  private Lease lease;
  private Consumer<String> onEnd = reason -> {};
  private String endedWith;

  ClientAccess(ModuleContext hub, Principal principal, TopicOwners owners, List<String> prefixes) {
    this.hub = hub;
    this.tokenId = principal.tokenId();
    this.owners = owners;
    this.devicePrefixes = prefixes;
  }

  /** Registers with the watch; completes once the first check passed (fails if it did not). */
  Future<Void> start() {
    lease = hub.accessWatch().register(this);
    return lease.whenValid();
  }

  /** What to do when access ends (called at once if it already has). */
  void onEnd(Consumer<String> action) {
    onEnd = action;
    if (endedWith != null) {
      action.accept(endedWith);
    }
  }

  /** The client is gone: no more checks. */
  void release() {
    if (lease != null) {
      lease.release();
    }
  }

  /** Whether decisions can be made now (the last check still holds). */
  boolean valid() {
    return lease != null && lease.valid();
  }

  /** Completes once decisions can be made; fails when access ends first. */
  Future<Void> whenValid() {
    return lease.whenValid();
  }

  /** Whether this client may receive a message on the topic; only while {@link #valid()}. */
  boolean mayRead(String topic) {
    return valid() && view.mayRead(topic, owners);
  }

  /**
   * Whether the last check (held or not) let this client read the topic: used only to decide
   * whether a message is owed at all, never to deliver it.
   */
  boolean mightRead(String topic) {
    TopicView last = view;
    return last == null || last.mayRead(topic, owners);
  }

  Future<Boolean> mayPublish(String topic) {
    return decided().map(v -> v != null && v.mayPublish(topic, devicePrefixes));
  }

  Future<Boolean> maySubscribe(String filter) {
    return decided().map(v -> v != null && v.maySubscribe(filter, devicePrefixes, owners));
  }

  /** The holder as the last check found it. */
  Principal holder() {
    return view.holder();
  }

  @Override
  public String tokenId() {
    return tokenId;
  }

  @Override
  public Future<Long> check(Principal holder) {
    if (holder.isOwner()) {
      view = TopicView.of(holder, List.of(), 0);
      return Future.succeededFuture(Long.MAX_VALUE);
    }
    return hub.grants()
        .forPrincipal(holder.kind(), holder.id())
        .map(
            grants -> {
              long now = System.currentTimeMillis();
              view = TopicView.of(holder, grants, now);
              return Grant.firstExpiry(grants, now);
            });
  }

  @Override
  public void end(String reason) {
    endedWith = reason;
    onEnd.accept(reason);
  }

  private Future<TopicView> decided() {
    if (valid()) {
      return Future.succeededFuture(view);
    }
    return lease.whenValid().map(v -> view).otherwiseEmpty();
  }
}
