package io.hearth.api.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * The messages one session owes its client: QoS 1/2 messages queued (bounded; the oldest is dropped
 * when full) and in flight (bounded by a window), with packet ids, PUBACK / PUBREC-PUBREL-PUBCOMP
 * flows and retransmission with DUP when the client reconnects. A persistent session's owed
 * messages are in the store until acknowledged.
 *
 * <p>Every message is judged when it is sent, not when it was queued: only while the client's
 * access check holds ({@link Wire#ready()}), and only if the client may read its topic now. While a
 * check is pending everything waits (QoS 0 messages in a bounded buffer); a message the client may
 * no longer read is withheld and, if stored, removed. So neither a queue filled while the client
 * was offline nor a retransmission after a reconnect delivers on an old grant.
 */
final class Outbox {
  private static final OnceLog LOG = new OnceLog(LoggerFactory.getLogger(Outbox.class));
  static final int OVERSHOOT = 4;

  /** A message owed, with its sequence number in the store. */
  record Owed(long seq, Message message) {}

  private final String clientId;
  private final BrokerStore store;
  private final int maxQueued;
  private final ArrayDeque<Owed> queued = new ArrayDeque<>();
  private final Map<Integer, Owed> inflight = new LinkedHashMap<>();
  private final Set<Integer> released = new HashSet<>();
  private final ArrayDeque<Message> atMostOnce = new ArrayDeque<>();
  private final List<Runnable> caughtUp = new ArrayList<>();
  private boolean persistent;
  private int window;
  private long nextSeq = 1;
  private int nextId;
  private long dropped;
  private long withheld;
  private long expired;
  private boolean resend;
  private boolean awaiting;
  private Wire wire;

  Outbox(String clientId, BrokerStore store, int maxQueued, boolean persistent) {
    this.clientId = clientId;
    this.store = store;
    this.maxQueued = maxQueued;
    this.persistent = persistent;
  }

  void persistent(boolean value) {
    persistent = value;
  }

  /**
   * Sends or queues a message; QoS 0 messages go only to a connected client. A full queue drops its
   * oldest message to make room, except for an acknowledged one: the broker keeps those (the
   * publisher is slowed or refused before its acknowledgement instead, see {@link InboundFlow}), up
   * to a safety bound of {@value #OVERSHOOT} times the queue size.
   */
  void offer(Message message, boolean acknowledged) {
    if (message.qos() == 0) {
      offerAtMostOnce(message);
      return;
    }
    if (queued.size() >= (acknowledged ? maxQueued * OVERSHOOT : maxQueued)) {
      dropOldest();
    }
    Owed owed = new Owed(nextSeq++, message);
    if (persistent) {
      store.enqueue(clientId, owed.seq(), message);
    }
    queued.add(owed);
    pump();
  }

  /** Puts back a message the store owed this session before a restart. */
  void restore(long seq, Message message) {
    queued.add(new Owed(seq, message));
    nextSeq = Math.max(nextSeq, seq + 1);
  }

  /**
   * The client is connected: once its access is checked, resend what was in flight (DUP), then send
   * what is queued.
   */
  void attach(Wire to, int receiveWindow) {
    wire = to;
    window = receiveWindow;
    resend = true;
    awaiting = false;
    pump();
  }

  void detach() {
    wire = null;
    awaiting = false;
    atMostOnce.clear();
    notifyCaughtUp();
  }

  /** PUBACK (QoS 1) or PUBCOMP (QoS 2): the message is delivered. */
  void completed(int packetId) {
    Owed owed = inflight.remove(packetId);
    released.remove(packetId);
    if (owed != null && persistent) {
      store.dequeue(clientId, owed.seq());
    }
    pump();
  }

  /** PUBREC: the client has a QoS 2 message; release it. */
  void received(int packetId) {
    if (inflight.containsKey(packetId) && wire != null) {
      released.add(packetId);
      wire.release(packetId);
    }
  }

  /** Drops owed messages that no longer pass a test (after a subscription was revoked). */
  void retainOnly(Predicate<Message> keep) {
    for (Iterator<Owed> it = queued.iterator(); it.hasNext(); ) {
      Owed owed = it.next();
      if (!keep.test(owed.message())) {
        it.remove();
        if (persistent) {
          store.dequeue(clientId, owed.seq());
        }
      }
    }
  }

  /** Whether the queue holds as many messages as api.mqtt.max-queued allows (or more). */
  boolean full() {
    return queued.size() >= maxQueued;
  }

  /**
   * Runs once the queue is down to half its size, or the client went away (a publisher waiting on
   * it is then refused, not held, if the queue stays full).
   */
  void whenCaughtUp(Runnable then) {
    if (queued.size() <= maxQueued / 2 || wire == null) {
      then.run();
    } else {
      caughtUp.add(then);
    }
  }

  int queuedCount() {
    return queued.size();
  }

  int inflightCount() {
    return inflight.size();
  }

  /** Messages not sent because the client could not read their topic when they were due. */
  long withheld() {
    return withheld;
  }

  private void offerAtMostOnce(Message message) {
    if (wire == null) {
      return;
    }
    if (atMostOnce.isEmpty() && wire.ready()) {
      sendAtMostOnce(message);
      return;
    }
    if (atMostOnce.size() >= maxQueued) {
      atMostOnce.poll(); // QoS 0 may be lost; the buffer stays bounded while a check is pending
    }
    atMostOnce.add(message);
    awaitAccess();
  }

  private void sendAtMostOnce(Message message) {
    if (message.expired(System.currentTimeMillis())) {
      expired++;
    } else if (wire.mayRead(message.topic())) {
      wire.publish(0, message, false);
    } else {
      withheld++;
    }
  }

  private void pump() {
    if (wire == null) {
      return;
    }
    if (!wire.ready()) {
      awaitAccess();
      return;
    }
    if (resend) {
      resend = false;
      resendInflight();
    }
    while (!atMostOnce.isEmpty()) {
      sendAtMostOnce(atMostOnce.poll());
    }
    while (inflight.size() < window && !queued.isEmpty()) {
      Owed owed = queued.poll();
      if (owed.message().expired(System.currentTimeMillis())) {
        expire(owed);
        continue;
      }
      if (!wire.mayRead(owed.message().topic())) {
        withhold(owed);
        continue;
      }
      int id = nextPacketId();
      inflight.put(id, owed);
      wire.publish(id, owed.message(), false);
    }
    if (queued.size() <= maxQueued / 2) {
      notifyCaughtUp();
    }
  }

  private void notifyCaughtUp() {
    if (!caughtUp.isEmpty()) {
      List<Runnable> waiting = List.copyOf(caughtUp);
      caughtUp.clear();
      waiting.forEach(Runnable::run);
    }
  }

  /** After a reconnect: PUBREL what the client has, resend (DUP) what it may still read. */
  private void resendInflight() {
    for (Iterator<Map.Entry<Integer, Owed>> it = inflight.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Integer, Owed> entry = it.next();
      int id = entry.getKey();
      if (released.contains(id)) {
        wire.release(id);
      } else if (wire.mayRead(entry.getValue().message().topic())) {
        wire.publish(id, entry.getValue().message(), true);
      } else {
        it.remove();
        withhold(entry.getValue());
      }
    }
  }

  private void awaitAccess() {
    if (awaiting) {
      return;
    }
    awaiting = true;
    Wire waitingOn = wire;
    waitingOn.whenReady(
        () -> {
          if (wire == waitingOn) {
            awaiting = false;
            pump();
          }
        });
  }

  private void withhold(Owed owed) {
    withheld++;
    if (persistent) {
      store.dequeue(clientId, owed.seq());
    }
    LOG.warn(
        "withheld:" + clientId,
        "MQTT: client {} may no longer read messages queued for it (its access changed); they are"
            + " not delivered (logged once per client)",
        clientId);
  }

  /** MQTT 5: a message whose expiry passed before it could be sent is deleted, not sent. */
  private void expire(Owed owed) {
    expired++;
    if (persistent) {
      store.dequeue(clientId, owed.seq());
    }
  }

  /** Messages not sent because their MQTT 5 message expiry interval passed while queued. */
  long expired() {
    return expired;
  }

  private int nextPacketId() {
    do {
      nextId = nextId >= 65_535 ? 1 : nextId + 1;
    } while (inflight.containsKey(nextId));
    return nextId;
  }

  private void dropOldest() {
    Owed oldest = queued.poll();
    dropped++;
    if (oldest != null && persistent) {
      store.dequeue(clientId, oldest.seq());
    }
    LOG.warn(
        "full:" + clientId,
        "MQTT: client {} has {} messages queued, the most api.mqtt.max-queued allows; dropping"
            + " the oldest (logged once per client; {} dropped so far)",
        clientId,
        maxQueued,
        dropped);
  }
}
