package io.hearth.api.mqtt;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One MQTT session: its client id, the token that owns it, its subscriptions, the messages it is
 * owed and the QoS 2 packet ids received from its client and not yet released. It outlives its
 * connection when persistent (expiry above 0).
 */
final class ClientSession implements Subscriber {
  final String clientId;
  final String tokenId;
  final Map<String, Integer> subscriptions = new LinkedHashMap<>();
  final Set<Integer> inboundQos2 = new HashSet<>();
  final Outbox outbox;
  private long expirySeconds;
  private Connection connection;
  private long expiryTimer = -1;

  ClientSession(
      String clientId, String tokenId, long expirySeconds, BrokerStore store, int maxQueued) {
    this.clientId = clientId;
    this.tokenId = tokenId;
    this.expirySeconds = expirySeconds;
    this.outbox = new Outbox(clientId, store, maxQueued, expirySeconds > 0);
  }

  private ClientAccess lastAccess;

  @Override
  public void deliver(Message message, int qos, boolean acknowledged) {
    ClientAccess access = connection != null ? connection.access : lastAccess;
    if (access != null && !access.mightRead(message.topic())) {
      return; // not owed: by its access when last checked, this client may not read it
    }
    outbox.offer(message.downgrade(qos, false), acknowledged);
  }

  /**
   * Whether an acknowledged message on this topic must be refused rather than queued: the client is
   * away, its queue is full, and it would be owed the message.
   */
  boolean cannotTake(String topic) {
    return connection == null
        && outbox.full()
        && (lastAccess == null || lastAccess.mightRead(topic));
  }

  /** Whether any of this session's filters matches a topic. */
  boolean subscribedTo(String topic) {
    return subscriptions.keySet().stream().anyMatch(f -> Topics.matches(f, topic));
  }

  boolean persistent() {
    return expirySeconds > 0;
  }

  long expirySeconds() {
    return expirySeconds;
  }

  void expirySeconds(long seconds) {
    expirySeconds = seconds;
    outbox.persistent(seconds > 0);
  }

  Connection connection() {
    return connection;
  }

  void connection(Connection value) {
    if (connection != null) {
      lastAccess = connection.access;
    }
    connection = value;
  }

  long expiryTimer() {
    return expiryTimer;
  }

  void expiryTimer(long id) {
    expiryTimer = id;
  }
}
