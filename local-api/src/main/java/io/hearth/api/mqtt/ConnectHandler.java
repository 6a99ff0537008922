package io.hearth.api.mqtt;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.logging.LogLimiter;
import io.hearth.runtime.net.Listener;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.mqtt.MqttEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONNECT: refuses a client over its listener's connection limits before anything else, then
 * authenticates the API token given as the password (any user name), checks the last will's topic
 * against the ACL, opens or resumes the session (re-checking a resumed session's filters against
 * current grants before anything is sent) and answers with CONNACK. Refusals use the code of the
 * client's protocol version.
 */
final class ConnectHandler implements Handler<MqttEndpoint> {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectHandler.class);

  /** Refusals are expected (a wrong token, a full broker): one line per kind a minute. */
  private static final LogLimiter REFUSALS = new LogLimiter(LogLimiter.DEFAULT_INTERVAL_MS);

  private enum Refusal {
    BAD_PASSWORD,
    NOT_AUTHORIZED,
    CLIENT_ID,
    BUSY
  }

  /** The form of the client id Vert.x assigns to a client that sent none (a random UUID). */
  private static final java.util.regex.Pattern GENERATED_ID =
      java.util.regex.Pattern.compile(
          "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Broker broker;
  private final Listener listener;

  ConnectHandler(Broker broker, Listener listener) {
    this.broker = broker;
    this.listener = listener;
  }

  @Override
  public void handle(MqttEndpoint endpoint) {
    // Before any authentication work: a flood from one address costs a counter, not a token check.
    String address = String.valueOf(endpoint.remoteAddress().hostAddress());
    if (broker.full()) {
      listener.refuse(
          address,
          broker.limits.maxConnections() + " clients connected (api.mqtt.max-connections)");
      reject(endpoint, Refusal.BUSY);
      return;
    }
    Listener.Ticket ticket = listener.admit(address);
    if (ticket == null) {
      reject(endpoint, Refusal.BUSY);
      return;
    }
    endpoint.closeHandler(v -> ticket.release());
    // What the client sends before our CONNACK (allowed: MQTT 3.1.1 and 5, section 3.1.4) waits.
    SocketReads reads = SocketReads.of(endpoint);
    reads.hold(SocketReads.Reason.CONNECTING);
    String password = endpoint.auth() == null ? null : endpoint.auth().getPassword();
    broker
        .tokens
        .authenticate(password)
        .onFailure(e -> refuse(endpoint, Refusal.BAD_PASSWORD, e.getMessage()))
        .onSuccess(p -> authenticated(endpoint, p, reads, ticket));
  }

  private void authenticated(
      MqttEndpoint endpoint, Principal principal, SocketReads reads, Listener.Ticket ticket) {
    ClientAccess access = broker.access(principal);
    access
        .start()
        .compose(v -> willAllowed(endpoint, access))
        .onComplete(
            ok -> {
              if (ok.failed()) {
                access.release();
                refuse(
                    endpoint, Refusal.NOT_AUTHORIZED, "access ended: " + ok.cause().getMessage());
              } else if (!ok.result()) {
                access.release();
                refuse(endpoint, Refusal.NOT_AUTHORIZED, "last will topic not allowed");
              } else {
                open(endpoint, principal, access, reads, ticket);
              }
            });
  }

  private Future<Boolean> willAllowed(MqttEndpoint endpoint, ClientAccess acl) {
    if (endpoint.will() == null || !endpoint.will().isWillFlag()) {
      return Future.succeededFuture(true);
    }
    String topic = endpoint.will().getWillTopic();
    if (Topics.invalidName(topic, broker.limits) != null) {
      return Future.succeededFuture(false);
    }
    return acl.mayPublish(topic);
  }

  private void open(
      MqttEndpoint endpoint,
      Principal principal,
      ClientAccess access,
      SocketReads reads,
      Listener.Ticket ticket) {
    boolean clean = endpoint.isCleanSession();
    ClientSessions.Opened opened =
        broker.sessions.open(
            endpoint.clientIdentifier(), principal.tokenId(), clean, expiry(endpoint));
    if (opened == null) {
      access.release();
      refuse(endpoint, Refusal.CLIENT_ID, "client id belongs to another token's session");
      return;
    }
    Connection connection =
        new Connection(endpoint, opened.session(), access, reads, broker, ticket);
    broker.connectionOpened();
    opened.session().connection(connection);
    Future<Void> checked =
        opened.present() ? connection.recheckSubscriptions() : Future.succeededFuture();
    checked.onComplete(
        v -> {
          endpoint.accept(opened.present(), connackProperties(endpoint));
          connection.start(receiveWindow(endpoint));
          LOG.debug("MQTT: {} connected as {}", endpoint.clientIdentifier(), principal.auditName());
        });
  }

  /** Seconds the session outlives the connection: MQTT 5 asks; 3.1.1 gets the maximum or 0. */
  private long expiry(MqttEndpoint endpoint) {
    long max = broker.limits.maxSessionExpirySeconds();
    if (endpoint.protocolVersion() != 5) {
      return endpoint.isCleanSession() ? 0 : max;
    }
    MqttProperties.MqttProperty<?> asked =
        endpoint.connectProperties().getProperty(MqttProperties.SESSION_EXPIRY_INTERVAL);
    if (asked == null) {
      return 0;
    }
    long seconds = Integer.toUnsignedLong((Integer) asked.value());
    return Math.min(seconds, max);
  }

  /**
   * MQTT 5: topic aliases from the client are understood (as mosquitto does); shared subscriptions
   * are not offered, so a client knows before it tries one; a client that sent no id is told the
   * one it was given (section 3.2.2.3.7).
   */
  private static MqttProperties connackProperties(MqttEndpoint endpoint) {
    if (endpoint.protocolVersion() != 5) {
      return MqttProperties.NO_PROPERTIES;
    }
    MqttProperties properties = new MqttProperties();
    if (GENERATED_ID.matcher(endpoint.clientIdentifier()).matches()) {
      // Vert.x gives an empty id a random UUID and keeps no flag: one in that form is told back
      // (harmless for a client that chose a UUID itself: it hears its own id).
      properties.add(
          new MqttProperties.StringProperty(
              MqttProperties.MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(),
              endpoint.clientIdentifier()));
    }
    properties.add(
        new MqttProperties.IntegerProperty(
            MqttProperties.MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), TopicAliases.MAXIMUM));
    properties.add(
        new MqttProperties.IntegerProperty(
            MqttProperties.MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
    return properties;
  }

  private int receiveWindow(MqttEndpoint endpoint) {
    int window = broker.limits.maxInflight();
    if (endpoint.protocolVersion() == 5) {
      MqttProperties.MqttProperty<?> max =
          endpoint.connectProperties().getProperty(MqttProperties.RECEIVE_MAXIMUM);
      if (max != null && (Integer) max.value() > 0) {
        window = Math.min(window, (Integer) max.value());
      }
    }
    return window;
  }

  private static void refuse(MqttEndpoint endpoint, Refusal refusal, String why) {
    long heldBack = REFUSALS.admit(refusal.name());
    if (heldBack >= 0) {
      LOG.info(
          "MQTT: refused client {} from {}: {}{}",
          endpoint.clientIdentifier(),
          endpoint.remoteAddress(),
          why,
          LogLimiter.suffix(heldBack));
    }
    reject(endpoint, refusal);
  }

  private static void reject(MqttEndpoint endpoint, Refusal refusal) {
    boolean v5 = endpoint.protocolVersion() == 5;
    endpoint.reject(
        switch (refusal) {
          case BAD_PASSWORD ->
              v5
                  ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                  : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
          case NOT_AUTHORIZED ->
              v5
                  ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                  : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
          case CLIENT_ID ->
              v5
                  ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                  : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
          case BUSY ->
              v5
                  ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY
                  : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
        });
  }
}
