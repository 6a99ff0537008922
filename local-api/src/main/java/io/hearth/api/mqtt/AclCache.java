package io.hearth.api.mqtt;

import io.hearth.runtime.domain.Principal;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection's ACL decisions, so a client publishing to the same topic does not read the store
 * per message. Lives and dies with its connection (never shared, never kept across a reconnect) and
 * is emptied when access changes. Bounded; a full cache starts over.
 */
final class AclCache {
  static final int MAX_ENTRIES = 1024;

  private final TopicAcl acl;
  private final Map<String, Future<Boolean>> decisions = new HashMap<>();
  private Principal principal;

  AclCache(TopicAcl acl, Principal principal) {
    this.acl = acl;
    this.principal = principal;
  }

  Future<Boolean> mayPublish(String topic) {
    return lookup("p", topic);
  }

  Future<Boolean> maySubscribe(String filter) {
    return lookup("s", filter);
  }

  /** Forgets every decision, and takes the principal as it is now in the store. */
  void reset(Principal current) {
    principal = current;
    decisions.clear();
  }

  Principal principal() {
    return principal;
  }

  private Future<Boolean> lookup(String kind, String topic) {
    String key = kind + topic;
    Future<Boolean> known = decisions.get(key);
    if (known != null) {
      return known;
    }
    if (decisions.size() >= MAX_ENTRIES) {
      decisions.clear();
    }
    Future<Boolean> asked =
        kind.equals("p") ? acl.mayPublish(principal, topic) : acl.maySubscribe(principal, topic);
    decisions.put(key, asked);
    return asked;
  }
}
