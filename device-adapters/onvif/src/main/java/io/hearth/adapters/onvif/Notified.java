package io.hearth.adapters.onvif;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.Objects;

/**
 * A camera's events through a basic notification subscription: the hub gives the camera a consumer
 * address of its own ({@link NotificationConsumer}, a fresh secret path per subscription) and the
 * camera POSTs Notify messages there. A message is taken only if it came to the path of the live
 * subscription, from the camera's pinned address, naming that subscription (or none).
 */
final class Notified extends EventSubscription {
  private final URI events;
  private final String host;
  private final NotificationConsumer consumer;
  private String token;
  private URI subscription;

  Notified(
      Vertx vertx,
      EventCalls calls,
      OnvifEventSettings settings,
      MotionReport report,
      CameraEvents.Key key,
      URI events,
      NotificationConsumer consumer) {
    super(vertx, calls, settings, report, key.cameraId());
    this.events = events;
    this.host = key.host();
    this.consumer = consumer;
  }

  @Override
  protected Future<EventCalls.Subscription> open(long gen) {
    String fresh = consumer.register(host, this);
    synchronized (this) {
      if (token != null) {
        consumer.unregister(token); // the old path answers nothing any more
      }
      token = fresh;
      subscription = null;
    }
    return consumer
        .url(host, fresh)
        .compose(url -> calls.subscribe(events, url, settings.subscriptionSeconds()));
  }

  @Override
  protected synchronized void opened(long gen, URI address) {
    subscription = address;
  }

  /**
   * Messages POSTed to {@code path}'s token: taken if that is the live subscription's and each
   * names it or nothing; false (refused) otherwise.
   */
  boolean notified(String fromToken, MotionMessages.Read read) {
    synchronized (this) {
      if (!fromToken.equals(token) || subscription == null) {
        return false;
      }
      for (String reference : read.references()) {
        if (!reference.isEmpty() && !sameSubscription(reference)) {
          return false;
        }
      }
    }
    healthy();
    read.motion().forEach(report::motion);
    return true;
  }

  private boolean sameSubscription(String reference) {
    try {
      URI named = URI.create(reference.strip());
      return Objects.equals(named.getRawPath(), subscription.getRawPath())
          && Objects.equals(named.getRawQuery(), subscription.getRawQuery())
          && named.getPort() == subscription.getPort();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  protected synchronized void closed() {
    if (token != null) {
      consumer.unregister(token);
      token = null;
    }
  }
}
