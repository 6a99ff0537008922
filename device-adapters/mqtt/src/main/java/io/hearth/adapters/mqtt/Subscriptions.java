package io.hearth.adapters.mqtt;

import io.hearth.adapters.mqtt.convention.MqttConvention;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topic filters the link holds, kept equal to the union of the conventions' subscriptions:
 * after a reconnect all of them again, and, as a convention's list changes (Home Assistant adds and
 * drops state topics as entities come and go), just the difference. Used on one context only.
 */
final class Subscriptions {
  static final int QOS = 1;

  private final List<MqttConvention> conventions;
  private final Set<String> extra = new LinkedHashSet<>();
  private final Map<MqttConvention, List<String>> lastSeen = new HashMap<>();
  private Set<String> held = Set.of();

  Subscriptions(List<MqttConvention> conventions) {
    this.conventions = conventions;
  }

  /** After a (re)connect: the broker holds nothing for our clean session, so subscribe to all. */
  Future<Void> subscribeAll(MqttLink link) {
    held = Set.of();
    lastSeen.clear();
    return sync(link);
  }

  /** After a message this convention handled: follow its list if it changed. */
  Future<Void> changed(MqttConvention convention, MqttLink link) {
    if (convention.subscriptions().equals(lastSeen.get(convention))) {
      return Future.succeededFuture();
    }
    return sync(link);
  }

  /** A filter held for the rest of the hub besides the conventions' own (see {@link HubLink}). */
  Future<Void> add(String filter, MqttLink link) {
    return extra.add(filter) ? sync(link) : Future.succeededFuture();
  }

  /** True if the topic matches a filter added with {@link #add}. */
  boolean isExtra(String topic) {
    return extra.stream().anyMatch(f -> TopicFilter.matches(f, topic));
  }

  Set<String> held() {
    return held;
  }

  private Future<Void> sync(MqttLink link) {
    Set<String> wanted = new LinkedHashSet<>();
    for (MqttConvention c : conventions) {
      List<String> filters = c.subscriptions();
      lastSeen.put(c, filters);
      wanted.addAll(filters);
    }
    wanted.addAll(extra);
    List<String> added = new ArrayList<>(wanted);
    added.removeAll(held);
    List<String> removed = new ArrayList<>(held);
    removed.removeAll(wanted);
    held = wanted;
    if (link == null || !link.isConnected()) {
      return Future.succeededFuture();
    }
    Future<Void> sub = added.isEmpty() ? Future.succeededFuture() : link.subscribe(added, QOS);
    Future<Void> unsub = removed.isEmpty() ? Future.succeededFuture() : link.unsubscribe(removed);
    return Future.all(sub, unsub).mapEmpty();
  }
}
