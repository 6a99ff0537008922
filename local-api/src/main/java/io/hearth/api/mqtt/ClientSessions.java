package io.hearth.api.mqtt;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every session by client id: opens, takes over, resumes and expires them, keeps their
 * subscriptions in the topic tree, and mirrors persistent ones to the store. A client id belongs to
 * the token that opened its session: another token cannot resume or take it over.
 */
final class ClientSessions {
  private static final Logger LOG = LoggerFactory.getLogger(ClientSessions.class);

  /** The outcome of opening a session: the session and whether it existed already. */
  record Opened(ClientSession session, boolean present) {}

  private final Map<String, ClientSession> sessions = new HashMap<>();
  private final TopicTree tree;
  private final BrokerStore store;
  private final Vertx vertx;
  private final BrokerLimits limits;

  ClientSessions(TopicTree tree, BrokerStore store, Vertx vertx, BrokerLimits limits) {
    this.tree = tree;
    this.store = store;
    this.vertx = vertx;
    this.limits = limits;
  }

  /** Rebuilds the persistent sessions stored before a restart, expiring the overdue ones. */
  void restore(List<StoredState.StoredSession> stored) {
    long now = System.currentTimeMillis();
    for (StoredState.StoredSession s : stored) {
      long since = s.disconnectedAt() == null ? now : s.disconnectedAt();
      long left = since + s.expirySeconds() * 1000 - now;
      if (left <= 0) {
        store.deleteSession(s.clientId());
        continue;
      }
      ClientSession session =
          new ClientSession(
              s.clientId(), s.tokenId(), s.expirySeconds(), store, limits.maxQueued());
      s.subscriptions().forEach((f, q) -> addSubscription(session, f, q));
      s.queued().forEach(session.outbox::restore);
      sessions.put(s.clientId(), session);
      scheduleExpiry(session, left);
    }
    LOG.info("MQTT: {} persistent sessions restored", sessions.size());
  }

  /** Opens a session for a connecting client, or returns null if the id is another token's. */
  Opened open(String clientId, String tokenId, boolean cleanStart, long expirySeconds) {
    ClientSession existing = sessions.get(clientId);
    if (existing != null && !existing.tokenId.equals(tokenId)) {
      return null;
    }
    if (existing != null && existing.connection() != null) {
      existing.connection().takenOver();
    }
    if (existing != null && !cleanStart) {
      cancelExpiry(existing);
      existing.expirySeconds(expirySeconds);
      persistSession(existing);
      return new Opened(existing, true);
    }
    if (existing != null) {
      discard(existing);
    }
    ClientSession fresh =
        new ClientSession(clientId, tokenId, expirySeconds, store, limits.maxQueued());
    sessions.put(clientId, fresh);
    persistSession(fresh);
    return new Opened(fresh, false);
  }

  /** The client's connection is gone: end the session, or keep it until it expires. */
  void disconnected(ClientSession session, Connection connection) {
    if (session.connection() != connection) {
      return;
    }
    session.connection(null);
    session.outbox.detach();
    if (!session.persistent()) {
      discard(session);
      return;
    }
    store.sessionDisconnected(session.clientId, System.currentTimeMillis());
    scheduleExpiry(session, Math.min(session.expirySeconds(), Long.MAX_VALUE / 2000) * 1000);
  }

  /** Adds or replaces a subscription; false if the session holds too many filters already. */
  boolean subscribe(ClientSession session, String filter, int qos) {
    if (!session.subscriptions.containsKey(filter)
        && session.subscriptions.size() >= limits.maxSubscriptions()) {
      return false;
    }
    addSubscription(session, filter, qos);
    if (session.persistent()) {
      store.putSubscription(session.clientId, filter, qos);
    }
    return true;
  }

  /** Removes a subscription; true if there was one. */
  boolean unsubscribe(ClientSession session, String filter) {
    if (session.subscriptions.remove(filter) == null) {
      return false;
    }
    tree.remove(filter, session);
    if (session.persistent()) {
      store.deleteSubscription(session.clientId, filter);
    }
    return true;
  }

  int size() {
    return sessions.size();
  }

  private void addSubscription(ClientSession session, String filter, int qos) {
    session.subscriptions.put(filter, qos);
    tree.add(filter, session, qos);
  }

  private void persistSession(ClientSession session) {
    if (session.persistent()) {
      store.putSession(session.clientId, session.tokenId, session.expirySeconds());
      session.subscriptions.forEach((f, q) -> store.putSubscription(session.clientId, f, q));
    } else {
      store.deleteSession(session.clientId);
    }
  }

  private void discard(ClientSession session) {
    cancelExpiry(session);
    session.subscriptions.keySet().forEach(f -> tree.remove(f, session));
    sessions.remove(session.clientId);
    store.deleteSession(session.clientId);
  }

  private void scheduleExpiry(ClientSession session, long millis) {
    cancelExpiry(session);
    session.expiryTimer(
        vertx.setTimer(
            Math.max(1, millis),
            id -> {
              session.expiryTimer(-1);
              if (session.connection() == null && sessions.get(session.clientId) == session) {
                LOG.info("MQTT: session {} expired", session.clientId);
                discard(session);
              }
            }));
  }

  private void cancelExpiry(ClientSession session) {
    if (session.expiryTimer() >= 0) {
      vertx.cancelTimer(session.expiryTimer());
      session.expiryTimer(-1);
    }
  }
}
