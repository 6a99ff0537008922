package io.hearth.api.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.Future;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one client publishes: rate-limited, topic-checked, ACL-checked (in arrival order, even when
 * a decision needs the store), routed, then acknowledged (PUBACK, or PUBREC then PUBCOMP on
 * PUBREL). A QoS 2 message is routed once, when first received; a repeat with the same packet id
 * before PUBREL is only acknowledged again. When routing stored the message (for a persistent
 * session, or retained), the acknowledgement waits for the store's group commit, so an acknowledged
 * message survives a restart; acknowledgements keep the order of the messages.
 */
final class InboundFlow {
  private static final Logger LOG = LoggerFactory.getLogger(InboundFlow.class);

  private final Connection connection;
  private final Broker broker;
  private final RateLimiter rate;
  private final TopicAliases aliases = new TopicAliases();
  private Future<Void> tail = Future.succeededFuture();
  private Future<Void> acks = Future.succeededFuture();
  private long throttled;
  private int behind;

  InboundFlow(Connection connection, Broker broker) {
    this.connection = connection;
    this.broker = broker;
    this.rate = new RateLimiter(broker.limits.maxPublishRate(), System.nanoTime());
  }

  void onPublish(MqttPublishMessage packet) {
    if (!withinRate()) {
      refuse(packet, MqttPubAckReasonCode.QUOTA_EXCEEDED, MqttPubRecReasonCode.QUOTA_EXCEEDED);
      return;
    }
    String client = connection.session.clientId;
    TopicAliases.Resolved resolved = aliases.resolve(packet.topicName(), packet.properties());
    if (resolved.error() != null) {
      broker.log.warn(
          "alias:" + client,
          "MQTT: client {} used a bad topic alias: {}",
          client,
          resolved.error());
      connection.disconnect(MqttDisconnectReasonCode.TOPIC_ALIAS_INVALID, resolved.error());
      return;
    }
    String topic = resolved.topic();
    String invalid = Topics.invalidName(topic, broker.limits);
    if (invalid != null) {
      broker.log.warn(
          "topic:" + client, "MQTT: client {} published to a bad topic: {}", client, invalid);
      connection.disconnect(MqttDisconnectReasonCode.TOPIC_NAME_INVALID, invalid);
      return;
    }
    int qos = packet.qosLevel().value();
    if (qos == 2 && connection.session.inboundQos2.contains(packet.messageId())) {
      connection.endpoint.publishReceived(packet.messageId());
      return;
    }
    Future<Boolean> allowed = connection.access.mayPublish(topic);
    if (tail.isComplete() && allowed.isComplete()) {
      finish(packet, topic, Boolean.TRUE.equals(allowed.result()));
    } else {
      tail = tail.transform(x -> allowed).map(ok -> finish(packet, topic, ok));
    }
  }

  void onRelease(int packetId) {
    connection.session.inboundQos2.remove(packetId);
    connection.endpoint.publishComplete(packetId);
  }

  long throttled() {
    return throttled;
  }

  /**
   * Past its rate, a client is read more slowly (its socket is held until its debt is paid), so
   * what it sent is still handled; false only where reads cannot be held and it must be refused.
   */
  private boolean withinRate() {
    long wait = rate.acquire(System.nanoTime());
    if (wait == 0) {
      return true;
    }
    throttled++;
    String client = connection.session.clientId;
    broker.log.warn(
        "rate:" + client,
        "MQTT: client {} publishes faster than api.mqtt.max-publish-rate ({}/s); reading it more"
            + " slowly (logged once per client)",
        client,
        broker.limits.maxPublishRate());
    if (!connection.reads.controllable()) {
      rate.refund();
      return false;
    }
    if (!connection.reads.holding(SocketReads.Reason.RATE)) {
      connection.reads.hold(SocketReads.Reason.RATE);
      broker.vertx().setTimer(wait, id -> connection.reads.release(SocketReads.Reason.RATE));
    }
    return true;
  }

  /**
   * After routing: while a subscriber it reached is far behind, this publisher is not read, until
   * every such subscriber has caught up (or gone away).
   */
  private void slowFor(Map<Subscriber, Integer> reached) {
    if (!connection.reads.controllable() || behind > 0) {
      return;
    }
    for (Subscriber s : reached.keySet()) {
      if (s instanceof ClientSession session
          && session.connection() != null
          && session.outbox.full()) {
        behind++;
        session.outbox.whenCaughtUp(this::caughtUp);
      }
    }
    if (behind > 0) {
      connection.reads.hold(SocketReads.Reason.SUBSCRIBERS_BEHIND);
    }
  }

  private void caughtUp() {
    if (behind > 0 && --behind == 0) {
      connection.reads.release(SocketReads.Reason.SUBSCRIBERS_BEHIND);
    }
  }

  /** An away subscriber that is owed this message has no room left: refuse it before the ack. */
  private static boolean someoneCannotTake(Map<Subscriber, Integer> reached, String topic) {
    for (Subscriber s : reached.keySet()) {
      if (s instanceof ClientSession session && session.cannotTake(topic)) {
        return true;
      }
    }
    return false;
  }

  private Void finish(MqttPublishMessage packet, String topic, boolean allowed) {
    if (!allowed) {
      broker.log.warn(
          "deny-pub:" + connection.session.clientId + ":" + topic,
          "MQTT: client {} may not publish to {}; ask the home's owner for a control grant",
          connection.session.clientId,
          topic);
      refuse(packet, MqttPubAckReasonCode.NOT_AUTHORIZED, MqttPubRecReasonCode.NOT_AUTHORIZED);
      return null;
    }
    int qos = packet.qosLevel().value();
    Map<Subscriber, Integer> reached = broker.router.matches(topic);
    if (qos > 0 && someoneCannotTake(reached, topic)) {
      broker.log.warn(
          "full-away:" + connection.session.clientId,
          "MQTT: client {} published to {}, but a subscriber that is away has api.mqtt.max-queued"
              + " messages waiting; refusing it until that subscriber catches up (logged once per"
              + " client)",
          connection.session.clientId,
          topic);
      refuse(packet, MqttPubAckReasonCode.QUOTA_EXCEEDED, MqttPubRecReasonCode.QUOTA_EXCEEDED);
      return null;
    }
    broker.owners.published(topic, connection.session.tokenId);
    long writes = broker.store.writes();
    broker.router.route(
        new Message(
            topic,
            packet.payload().copy(),
            qos,
            packet.isRetain(),
            connection.access.holder(),
            Mqtt5Extras.of(packet.properties(), System.currentTimeMillis())),
        reached,
        qos > 0);
    slowFor(reached);
    Future<Void> durable =
        broker.store.writes() == writes ? Future.succeededFuture() : broker.store.committed();
    int id = packet.messageId();
    // MQTT 5 may say "accepted, but no client subscribes" (0x10), as mosquitto does; the hub's
    // own listeners are not counted.
    boolean nobody =
        connection.v5() && reached.keySet().stream().noneMatch(s -> s instanceof ClientSession);
    if (qos == 1) {
      acknowledge(durable, () -> pubAck(id, nobody));
    } else if (qos == 2) {
      connection.session.inboundQos2.add(id);
      acknowledge(durable, () -> pubRec(id, nobody));
    }
    return null;
  }

  private void pubAck(int id, boolean nobody) {
    if (nobody) {
      connection.endpoint.publishAcknowledge(
          id, MqttPubAckReasonCode.NO_MATCHING_SUBSCRIBERS, MqttProperties.NO_PROPERTIES);
    } else {
      connection.endpoint.publishAcknowledge(id);
    }
  }

  private void pubRec(int id, boolean nobody) {
    if (nobody) {
      connection.endpoint.publishReceived(
          id, MqttPubRecReasonCode.NO_MATCHING_SUBSCRIBERS, MqttProperties.NO_PROPERTIES);
    } else {
      connection.endpoint.publishReceived(id);
    }
  }

  /** Sends an acknowledgement once its message is stored and every earlier one was sent. */
  private void acknowledge(Future<Void> durable, Runnable ack) {
    if (acks.succeeded() && durable.succeeded()) {
      ack.run();
      return;
    }
    acks =
        acks.compose(v -> durable)
            .onSuccess(v -> ack.run())
            .onFailure(
                e -> {
                  // Not acknowledged: the client sends the message again when it reconnects.
                  LOG.warn(
                      "MQTT: could not store a message from client {}: {}; disconnecting it",
                      connection.session.clientId,
                      e.getMessage());
                  connection.endpoint.close();
                });
  }

  /**
   * Refuses a message: MQTT 5 gets the reason code. MQTT 3.1.1 has none: a message it may not
   * publish gets a plain ack (as mosquitto does), one there is no room for ends the connection.
   */
  private void refuse(
      MqttPublishMessage packet, MqttPubAckReasonCode ackCode, MqttPubRecReasonCode recCode) {
    int id = packet.messageId();
    boolean v5 = connection.v5();
    if (!v5 && packet.qosLevel().value() > 0 && ackCode == MqttPubAckReasonCode.QUOTA_EXCEEDED) {
      // MQTT 3.1.1 cannot say "not accepted": an ack would be a lie, so the client is
      // disconnected unacknowledged and sends the message again when it reconnects.
      connection.disconnect(MqttDisconnectReasonCode.QUOTA_EXCEEDED, "no room for its message");
      return;
    }
    switch (packet.qosLevel()) {
      case AT_LEAST_ONCE -> {
        if (v5) {
          connection.endpoint.publishAcknowledge(id, ackCode, MqttProperties.NO_PROPERTIES);
        } else {
          connection.endpoint.publishAcknowledge(id);
        }
      }
      case EXACTLY_ONCE -> {
        if (v5) {
          connection.endpoint.publishReceived(id, recCode, MqttProperties.NO_PROPERTIES);
        } else {
          connection.session.inboundQos2.add(id);
          connection.endpoint.publishReceived(id);
        }
      }
      default -> {}
    }
  }
}
