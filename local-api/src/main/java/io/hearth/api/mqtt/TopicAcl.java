package io.hearth.api.mqtt;

import io.hearth.runtime.domain.Principal;
import io.vertx.core.Future;

/**
 * Decides whether a principal may publish to a topic or subscribe to a filter. Answers come from
 * the store's current grants; a connection may cache them only for its own life and drops them when
 * access changes. Never fails: an error is a "no".
 */
public interface TopicAcl {
  Future<Boolean> mayPublish(Principal principal, String topic);

  Future<Boolean> maySubscribe(Principal principal, String filter);
}
