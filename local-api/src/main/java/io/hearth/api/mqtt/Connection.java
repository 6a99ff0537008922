package io.hearth.api.mqtt;

import io.hearth.runtime.net.Listener;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttWill;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted client connection: wires the endpoint's packets to the inbound publish flow, the
 * subscribe flow and its session's outbox, and handles the end of the connection (a last will on an
 * abnormal end, session expiry). Its {@link ClientAccess} decides, from a check that still holds,
 * what it may publish, subscribe to and receive; when access ends, the connection ends.
 */
final class Connection implements Wire {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  final MqttEndpoint endpoint;
  final ClientSession session;
  final ClientAccess access;
  final SocketReads reads;
  private final Broker broker;
  private final InboundFlow inbound;
  private final SubscribeFlow subscribes;
  private Message will;
  private boolean closed;
  private final Listener.Ticket ticket;

  Connection(
      MqttEndpoint endpoint,
      ClientSession session,
      ClientAccess access,
      SocketReads reads,
      Broker broker,
      Listener.Ticket ticket) {
    this.endpoint = endpoint;
    this.ticket = ticket;
    this.reads = reads;
    this.session = session;
    this.access = access;
    this.broker = broker;
    this.inbound = new InboundFlow(this, broker);
    this.subscribes = new SubscribeFlow(this, broker);
    this.will = willOf(endpoint.will());
    endpoint.closeHandler(v -> onClose());
    access.onEnd(
        reason ->
            disconnect(MqttDisconnectReasonCode.NOT_AUTHORIZED, "access withdrawn: " + reason));
  }

  boolean v5() {
    return endpoint.protocolVersion() == 5;
  }

  /** Hooks the endpoint's handlers up and starts sending what the session is owed. */
  void start(int receiveWindow) {
    endpoint.publishAutoAck(false);
    endpoint.publishHandler(inbound::onPublish);
    endpoint.publishReleaseHandler(inbound::onRelease);
    endpoint.subscribeHandler(subscribes::onSubscribe);
    endpoint.unsubscribeHandler(subscribes::onUnsubscribe);
    endpoint.publishAcknowledgeHandler(session.outbox::completed);
    endpoint.publishReceivedHandler(session.outbox::received);
    endpoint.publishCompletionHandler(session.outbox::completed);
    // A DISCONNECT is a normal end: no will, unless MQTT 5's "disconnect with will message".
    endpoint.disconnectMessageHandler(
        m -> will = m.code() == MqttDisconnectReasonCode.WITH_WILL_MESSAGE ? will : null);
    endpoint.exceptionHandler(
        e ->
            broker.log.warn(
                "error:" + e.getClass().getName() + ":" + e.getMessage(),
                "MQTT: client {} sent bad input: {} (logged once per kind)",
                session.clientId,
                e.getMessage()));
    session.outbox.attach(this, receiveWindow);
    // Packets the client sent right after CONNECT waited for the CONNACK; handle them now.
    reads.release(SocketReads.Reason.CONNECTING);
  }

  @Override
  public void publish(int packetId, Message message, boolean dup) {
    if (closed || !endpoint.isConnected()) {
      return;
    }
    MqttQoS qos = MqttQoS.valueOf(message.qos());
    if (v5()) {
      // MQTT 5: what the publisher set travels on, with the expiry time that is left.
      MqttProperties properties = message.extras().toSend(System.currentTimeMillis());
      int id = message.qos() == 0 ? 0 : packetId;
      endpoint.publish(
          message.topic(), message.payload(), qos, dup, message.retain(), id, properties);
    } else if (message.qos() == 0) {
      endpoint.publish(message.topic(), message.payload(), qos, false, message.retain());
    } else {
      endpoint.publish(message.topic(), message.payload(), qos, dup, message.retain(), packetId);
    }
  }

  @Override
  public void release(int packetId) {
    if (!closed && endpoint.isConnected()) {
      endpoint.publishRelease(packetId);
    }
  }

  @Override
  public boolean ready() {
    return access.valid();
  }

  @Override
  public boolean mayRead(String topic) {
    return access.mayRead(topic);
  }

  @Override
  public void whenReady(Runnable then) {
    access.whenValid().onSuccess(v -> then.run());
  }

  /** Another connection took this client id over (MQTT 3.1.1 section 3.1.4). */
  void takenOver() {
    disconnect(MqttDisconnectReasonCode.SESSION_TAKEN_OVER, "session taken over");
  }

  /** Ends the connection with a reason (MQTT 5 gets a DISCONNECT packet first). */
  void disconnect(MqttDisconnectReasonCode code, String why) {
    LOG.info("MQTT: disconnecting client {}: {}", session.clientId, why);
    if (v5() && endpoint.isConnected()) {
      endpoint.disconnect(code, MqttProperties.NO_PROPERTIES);
    }
    endpoint.close();
  }

  /** A resumed session's filters, checked against current grants before anything is sent. */
  io.vertx.core.Future<Void> recheckSubscriptions() {
    return subscribes.recheck();
  }

  private void onClose() {
    if (closed) {
      return;
    }
    closed = true;
    ticket.release();
    access.release();
    broker.connectionClosed(this);
    if (will != null) {
      broker.router.route(will);
    }
    broker.sessions.disconnected(session, this);
  }

  private static Message willOf(MqttWill will) {
    if (will == null || !will.isWillFlag()) {
      return null;
    }
    return new Message(
        will.getWillTopic(),
        will.getWillMessage(),
        will.getWillQos(),
        will.isWillRetain(),
        null,
        Mqtt5Extras.of(will.getWillProperties(), System.currentTimeMillis()));
  }
}
