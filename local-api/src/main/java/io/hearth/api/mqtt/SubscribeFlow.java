package io.hearth.api.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE and UNSUBSCRIBE for one connection: each filter is validated, bounded and ACL-checked;
 * granted ones join the topic tree before the SUBACK, and their retained messages follow it. After
 * an access change every filter is checked again and the refused ones are dropped, with the
 * messages still owed for them.
 */
final class SubscribeFlow {
  /** The SUBACK codes (as MQTT 5 reason codes; MQTT 3.1.1 gets QoS or 0x80). */
  private record Outcome(String filter, int qos, MqttSubAckReasonCode code) {}

  private final Connection connection;
  private final Broker broker;

  SubscribeFlow(Connection connection, Broker broker) {
    this.connection = connection;
    this.broker = broker;
  }

  void onSubscribe(MqttSubscribeMessage packet) {
    List<Future<Outcome>> outcomes = new ArrayList<>();
    for (MqttTopicSubscription s : packet.topicSubscriptions()) {
      outcomes.add(subscribe(s.topicName(), s.qualityOfService().value()));
    }
    Future.join(outcomes)
        .onComplete(
            done -> {
              List<Outcome> results = outcomes.stream().map(Future::result).toList();
              acknowledge(packet.messageId(), results);
              results.stream().filter(o -> o.qos >= 0).forEach(this::sendRetained);
            });
  }

  void onUnsubscribe(MqttUnsubscribeMessage packet) {
    List<MqttUnsubAckReasonCode> codes = new ArrayList<>();
    for (String filter : packet.topics()) {
      boolean had = broker.sessions.unsubscribe(connection.session, filter);
      codes.add(
          had ? MqttUnsubAckReasonCode.SUCCESS : MqttUnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED);
    }
    if (connection.v5()) {
      connection.endpoint.unsubscribeAcknowledge(
          packet.messageId(), codes, MqttProperties.NO_PROPERTIES);
    } else {
      connection.endpoint.unsubscribeAcknowledge(packet.messageId());
    }
  }

  /** Checks every filter of the session again; drops refused ones and what is owed for them. */
  Future<Void> recheck() {
    ClientSession session = connection.session;
    List<Future<Boolean>> checks = new ArrayList<>();
    for (String filter : List.copyOf(session.subscriptions.keySet())) {
      checks.add(
          connection
              .access
              .maySubscribe(filter)
              .onSuccess(
                  ok -> {
                    if (!ok && broker.sessions.unsubscribe(session, filter)) {
                      broker.log.warn(
                          "revoked:" + session.clientId + ":" + filter,
                          "MQTT: client {} lost its subscription to {}: access was withdrawn",
                          session.clientId,
                          filter);
                    }
                  }));
    }
    return Future.join(checks)
        .map(
            v -> {
              session.outbox.retainOnly(m -> session.subscribedTo(m.topic()));
              return null;
            });
  }

  private Future<Outcome> subscribe(String filter, int qos) {
    String invalid = Topics.invalidFilter(filter, broker.limits);
    if (invalid != null) {
      broker.log.warn(
          "filter:" + connection.session.clientId,
          "MQTT: client {} sent a bad filter {}: {}",
          connection.session.clientId,
          filter,
          invalid);
      // MQTT 5 has a code of its own for a shared subscription the broker does not offer.
      MqttSubAckReasonCode code =
          filter.startsWith("$share/")
              ? MqttSubAckReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED
              : MqttSubAckReasonCode.TOPIC_FILTER_INVALID;
      return Future.succeededFuture(new Outcome(filter, -1, code));
    }
    return connection
        .access
        .maySubscribe(filter)
        .map(
            ok -> {
              if (!ok) {
                broker.log.warn(
                    "deny-sub:" + connection.session.clientId + ":" + filter,
                    "MQTT: client {} may not subscribe to {}; ask the home's owner for an events grant",
                    connection.session.clientId,
                    filter);
                return new Outcome(filter, -1, MqttSubAckReasonCode.NOT_AUTHORIZED);
              }
              if (!broker.sessions.subscribe(connection.session, filter, qos)) {
                return new Outcome(filter, -1, MqttSubAckReasonCode.QUOTA_EXCEEDED);
              }
              return new Outcome(
                  filter, qos, MqttSubAckReasonCode.qosGranted(MqttQoS.valueOf(qos)));
            });
  }

  private void acknowledge(int packetId, List<Outcome> results) {
    if (connection.v5()) {
      connection.endpoint.subscribeAcknowledge(
          packetId, results.stream().map(Outcome::code).toList(), MqttProperties.NO_PROPERTIES);
    } else {
      connection.endpoint.subscribeAcknowledge(
          packetId,
          results.stream().map(o -> o.qos < 0 ? MqttQoS.FAILURE : MqttQoS.valueOf(o.qos)).toList());
    }
  }

  private void sendRetained(Outcome granted) {
    for (Message m : broker.router.retained().matching(granted.filter)) {
      connection.session.outbox.offer(m.downgrade(granted.qos, true), false);
    }
  }
}
