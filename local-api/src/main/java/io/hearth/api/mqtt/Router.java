package io.hearth.api.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Routes every accepted message: updates the retained store, then hands the message to each
 * matching subscriber once. Also the hub's {@link LocalBroker}: calls hop onto the broker's
 * context, where all broker state lives.
 */
final class Router implements HubBroker {
  private final TopicTree tree;
  private final RetainedMessages retained;
  private final Context context;
  private final BrokerLimits limits;

  Router(TopicTree tree, RetainedMessages retained, Context context, BrokerLimits limits) {
    this.tree = tree;
    this.retained = retained;
    this.context = context;
    this.limits = limits;
  }

  /** Routes a message the hub itself publishes (or a last will); on the broker's context. */
  void route(Message message) {
    route(message, tree.match(message.topic()), false);
  }

  /** The subscribers a topic reaches now, each with its granted QoS. */
  Map<Subscriber, Integer> matches(String topic) {
    return tree.match(topic);
  }

  /** Routes a message to subscribers matched beforehand ({@link #matches}). */
  void route(Message message, Map<Subscriber, Integer> matches, boolean acknowledged) {
    if (message.retain()) {
      retained.update(message);
    }
    for (Map.Entry<Subscriber, Integer> match : matches.entrySet()) {
      match.getKey().deliver(message, match.getValue(), acknowledged);
    }
  }

  RetainedMessages retained() {
    return retained;
  }

  /** The retained messages a filter matches now, read on the broker's context. */
  @Override
  public Future<java.util.List<Message>> retainedMatching(String filter) {
    return onContext(() -> retained.matching(filter));
  }

  @Override
  public boolean embedded() {
    return true;
  }

  @Override
  public Future<Void> publish(String topic, Buffer payload, int qos, boolean retain) {
    String invalid = Topics.invalidName(topic, limits);
    if (invalid != null) {
      return Future.failedFuture(new IllegalArgumentException(topic + ": " + invalid));
    }
    Message message = new Message(topic, payload.copy(), qos, retain);
    return onContext(
        () -> {
          route(message);
          return null;
        });
  }

  @Override
  public Future<Registration> subscribe(String filter, Consumer<Message> handler) {
    String invalid = Topics.invalidFilter(filter, limits);
    if (invalid != null) {
      return Future.failedFuture(new IllegalArgumentException(filter + ": " + invalid));
    }
    Subscriber hook = (message, qos, acknowledged) -> handler.accept(message);
    return onContext(
        () -> {
          tree.add(filter, hook, 2);
          return () -> context.runOnContext(v -> tree.remove(filter, hook));
        });
  }

  private <T> Future<T> onContext(java.util.function.Supplier<T> work) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> promise.complete(work.get()));
    return promise.future();
  }
}
