package io.hearth.api.mqtt;

import io.hearth.runtime.store.Sql;
import io.vertx.core.buffer.Buffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the broker stored before a restart: retained messages and persistent sessions. */
record StoredState(List<Message> retained, List<StoredSession> sessions) {

  /** One persistent session as stored, with its subscriptions and owed messages by sequence. */
  record StoredSession(
      String clientId,
      String tokenId,
      long expirySeconds,
      Long disconnectedAt,
      Map<String, Integer> subscriptions,
      TreeMap<Long, Message> queued) {}

  static StoredState read(Connection c) throws SQLException {
    List<Message> retained =
        Sql.list(
            c,
            "SELECT topic, payload, qos FROM mqtt_retained",
            r -> new Message(r.getString(1), Buffer.buffer(r.getBytes(2)), r.getInt(3), true));
    Map<String, StoredSession> sessions = new LinkedHashMap<>();
    for (StoredSession s : sessions(c)) {
      sessions.put(s.clientId(), s);
    }
    readSubscriptions(c, sessions);
    readQueued(c, sessions);
    return new StoredState(retained, List.copyOf(sessions.values()));
  }

  private static List<StoredSession> sessions(Connection c) throws SQLException {
    return Sql.list(
        c,
        "SELECT client_id, token_id, expiry_seconds, disconnected_at FROM mqtt_session",
        r ->
            new StoredSession(
                r.getString(1),
                r.getString(2),
                r.getLong(3),
                Sql.nullableLong(r, "disconnected_at"),
                new LinkedHashMap<>(),
                new TreeMap<>()));
  }

  private static void readSubscriptions(Connection c, Map<String, StoredSession> sessions)
      throws SQLException {
    Sql.list(
        c,
        "SELECT client_id, filter, qos FROM mqtt_subscription",
        r -> {
          StoredSession s = sessions.get(r.getString(1));
          if (s != null) {
            s.subscriptions().put(r.getString(2), r.getInt(3));
          }
          return Boolean.TRUE;
        });
  }

  private static void readQueued(Connection c, Map<String, StoredSession> sessions)
      throws SQLException {
    Sql.list(
        c,
        "SELECT client_id, seq, topic, payload, qos FROM mqtt_queued ORDER BY client_id, seq",
        r -> {
          StoredSession s = sessions.get(r.getString(1));
          if (s != null) {
            Message m =
                new Message(r.getString(3), Buffer.buffer(r.getBytes(4)), r.getInt(5), false);
            s.queued().put(r.getLong(2), m);
          }
          return Boolean.TRUE;
        });
  }
}
