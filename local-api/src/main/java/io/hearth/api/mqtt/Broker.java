package io.hearth.api.mqtt;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.security.TokenService;
import io.hearth.runtime.spi.ModuleContext;
import org.slf4j.LoggerFactory;

/**
 * The broker's shared parts, as one connection's flows see them. All of it lives on the broker's
 * single event-loop context, so none of it needs a lock.
 */
final class Broker {
  final BrokerLimits limits;
  final OnceLog log = new OnceLog(LoggerFactory.getLogger(Broker.class));
  final Router router;
  final ClientSessions sessions;
  final TopicOwners owners;
  final TokenService tokens;
  final BrokerStore store;
  private final ModuleContext hub;
  private int connections;

  Broker(
      BrokerLimits limits,
      Router router,
      ClientSessions sessions,
      TopicOwners owners,
      ModuleContext hub,
      BrokerStore store) {
    this.limits = limits;
    this.router = router;
    this.sessions = sessions;
    this.owners = owners;
    this.hub = hub;
    this.tokens = hub.tokens();
    this.store = store;
  }

  /** A new client's access, not yet registered with the hub's access watch. */
  ClientAccess access(Principal principal) {
    return new ClientAccess(hub, principal, owners, limits.devicePrefixes());
  }

  io.vertx.core.Vertx vertx() {
    return hub.vertx();
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
