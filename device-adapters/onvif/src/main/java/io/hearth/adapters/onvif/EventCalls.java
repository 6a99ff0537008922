package io.hearth.adapters.onvif;

import static io.hearth.adapters.onvif.Namespaces.EVENTS;
import static io.hearth.adapters.onvif.Namespaces.WSNT;

import io.hearth.runtime.camera.Camera;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * One camera's event service calls (WS-BaseNotification and ONVIF PullPoint), with the camera's
 * credentials as a UsernameToken and WS-Addressing headers. Every address the camera answers (a
 * subscription manager) is taken to the camera's pinned host, like its other services.
 */
final class EventCalls {
  private static final String TEV = EVENTS + "/";
  private static final String BW = "http://docs.oasis-open.org/wsn/bw-2/";
  static final int UNSUBSCRIBE_MS = 1000;

  /** A subscription: where its manager is, and how long the camera said it lives. */
  record Subscription(URI address, long lifeMs) {}

  private final OnvifClient client;
  private final String host;
  private final Camera.Credentials credentials;
  private final int timeoutMs;

  EventCalls(OnvifClient client, String host, Camera.Credentials credentials, int timeoutMs) {
    this.client = client;
    this.host = host;
    this.credentials = credentials;
    this.timeoutMs = timeoutMs;
  }

  Future<Subscription> createPullPoint(URI events, int seconds) {
    String body =
        "<tev:CreatePullPointSubscription><tev:InitialTerminationTime>PT"
            + seconds
            + "S</tev:InitialTerminationTime></tev:CreatePullPointSubscription>";
    String action = TEV + "EventPortType/CreatePullPointSubscriptionRequest";
    return call(events, action, body, timeoutMs)
        .map(e -> subscription(e, EVENTS, "CreatePullPointSubscriptionResponse", EVENTS, seconds));
  }

  Future<Subscription> subscribe(URI events, String consumer, int seconds) {
    String body =
        "<wsnt:Subscribe><wsnt:ConsumerReference><wsa:Address>"
            + Soap.escape(consumer)
            + "</wsa:Address></wsnt:ConsumerReference><wsnt:InitialTerminationTime>PT"
            + seconds
            + "S</wsnt:InitialTerminationTime></wsnt:Subscribe>";
    return call(events, BW + "NotificationProducer/SubscribeRequest", body, timeoutMs)
        .map(e -> subscription(e, WSNT, "SubscribeResponse", WSNT, seconds));
  }

  /** The messages of one PullMessages, which the camera may hold up to {@code seconds}. */
  Future<MotionMessages.Read> pull(URI subscription, int seconds) {
    String body =
        "<tev:PullMessages><tev:Timeout>PT"
            + seconds
            + "S</tev:Timeout><tev:MessageLimit>100</tev:MessageLimit></tev:PullMessages>";
    String action = TEV + "PullPointSubscription/PullMessagesRequest";
    return call(subscription, action, body, seconds * 1000 + timeoutMs)
        .map(e -> MotionMessages.read(OnvifDevice.expect(e, EVENTS, "PullMessagesResponse")));
  }

  /** Renews the subscription; answers its new life. */
  Future<Long> renew(URI subscription, int seconds) {
    String body =
        "<wsnt:Renew><wsnt:TerminationTime>PT" + seconds + "S</wsnt:TerminationTime></wsnt:Renew>";
    return call(subscription, BW + "SubscriptionManager/RenewRequest", body, timeoutMs)
        .map(e -> life(OnvifDevice.expect(e, WSNT, "RenewResponse"), WSNT, seconds));
  }

  /**
   * Ends a subscription the hub no longer wants (a stop, never an error), waiting at most {@value
   * #UNSUBSCRIBE_MS} ms: a hub stopping does not wait on a camera that has gone.
   */
  Future<Void> unsubscribe(URI subscription) {
    String action = BW + "SubscriptionManager/UnsubscribeRequest";
    int bound = Math.min(timeoutMs, UNSUBSCRIBE_MS);
    return call(subscription, action, "<wsnt:Unsubscribe/>", bound).mapEmpty();
  }

  private Future<Element> call(URI service, String action, String body, int timeout) {
    String headers =
        "<wsa:Action>"
            + Soap.escape(action)
            + "</wsa:Action><wsa:To>"
            + Soap.escape(service.toString())
            + "</wsa:To>";
    return client.call(service, action, body, credentials, headers, timeout);
  }

  private Subscription subscription(
      Element answer, String ns, String response, String timesNs, int seconds) {
    Element r = OnvifDevice.expect(answer, ns, response);
    String address =
        SafeXml.child(r, ns, "SubscriptionReference")
            .flatMap(MotionMessages::address)
            .orElseThrow(() -> OnvifDevice.bad("its " + response + " names no subscription"));
    URI uri = OnvifDevice.onHost(OnvifDevice.uri(address, "subscription address"), host);
    return new Subscription(uri, life(r, WSNT, seconds));
  }

  /** TerminationTime minus CurrentTime (the camera's clock), else what was asked. */
  static long life(Element answer, String ns, int seconds) {
    Optional<Instant> now = instant(answer, ns, "CurrentTime");
    Optional<Instant> end = instant(answer, ns, "TerminationTime");
    if (now.isEmpty() || end.isEmpty()) {
      return seconds * 1000L;
    }
    long ms = Duration.between(now.get(), end.get()).toMillis();
    return Math.max(1000, Math.min(ms, seconds * 1000L));
  }

  private static Optional<Instant> instant(Element parent, String ns, String name) {
    try {
      return SafeXml.text(parent, ns, name).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
