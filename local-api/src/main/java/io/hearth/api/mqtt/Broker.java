package io.hearth.api.mqtt;

import io.hearth.runtime.security.TokenService;
import org.slf4j.LoggerFactory;

/**
 * The broker's shared parts, as one connection's flows see them. All of it lives on the broker's
 * single event-loop context, so none of it needs a lock.
 */
final class Broker {
  final BrokerLimits limits;
  final OnceLog log = new OnceLog(LoggerFactory.getLogger(Broker.class));
  final Router router;
  final SessionRegistry sessions;
  final TopicAcl acl;
  final TokenService tokens;
  final BrokerStore store;
  private int connections;

  Broker(
      BrokerLimits limits,
      Router router,
      SessionRegistry sessions,
      TopicAcl acl,
      TokenService tokens,
      BrokerStore store) {
    this.limits = limits;
    this.router = router;
    this.sessions = sessions;
    this.acl = acl;
    this.tokens = tokens;
    this.store = store;
  }

  boolean full() {
    return connections >= limits.maxConnections();
  }

  void connectionOpened() {
    connections++;
  }

  void connectionClosed(Connection connection) {
    connections--;
  }

  int connections() {
    return connections;
  }
}
