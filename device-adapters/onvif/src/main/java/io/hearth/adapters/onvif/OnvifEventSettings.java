package io.hearth.adapters.onvif;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The camera-event keys of the {@code onvif} section, typed: whether the hub subscribes to adopted
 * ONVIF cameras' own motion events (globally, and which cameras are left out), how (PullPoint or
 * notifications to the hub), and the subscriptions' timing (renewed at half their life, as Home
 * Assistant does).
 *
 * @param enabled whether adopted ONVIF cameras' events are subscribed to at all
 * @param off ids of cameras whose events are not subscribed to
 * @param delivery PullPoint, notifications (the camera POSTs to the hub), or PullPoint falling back
 *     to notifications for a camera that refuses PullPoint
 * @param subscriptionSeconds the life asked for each subscription; renewed at half of it
 * @param pullSeconds how long the camera may hold one PullMessages request
 * @param port where the hub receives notifications (0 picks a free port)
 */
public record OnvifEventSettings(
    boolean enabled,
    Set<String> off,
    Delivery delivery,
    int subscriptionSeconds,
    int pullSeconds,
    int port) {

  /** How events reach the hub. */
  public enum Delivery {
    PULLPOINT,
    NOTIFY,
    AUTO
  }

  public static final ConfigKey<Boolean> EVENTS =
      ConfigKey.bool(
          "onvif.events",
          "Whether the hub subscribes to adopted ONVIF cameras' own motion events and reports them"
              + " as each camera's motion state. Default true.",
          true);
  public static final ConfigKey<String> EVENTS_OFF =
      ConfigKey.string(
          "onvif.events-off",
          "Comma-separated ids of ONVIF cameras whose own motion events are not subscribed to."
              + " Default empty (none).",
          "");
  public static final ConfigKey<String> EVENT_DELIVERY =
      ConfigKey.string(
          "onvif.event-delivery",
          "How camera events reach the hub: pullpoint (the hub asks, PullMessages), notify (the"
              + " camera POSTs to the hub's onvif.event-port), or auto (PullPoint, and notify for"
              + " a camera that refuses PullPoint). Default auto.",
          "auto");
  public static final ConfigKey<Integer> EVENT_SUBSCRIPTION_SECONDS =
      ConfigKey.integer(
          "onvif.event-subscription-seconds",
          "Life asked for each ONVIF event subscription; the hub renews it at half its life."
              + " Default 180.",
          180,
          2,
          86_400);
  public static final ConfigKey<Integer> EVENT_PULL_SECONDS =
      ConfigKey.integer(
          "onvif.event-pull-seconds",
          "Longest a camera may hold one PullMessages request before answering. Default 20.",
          20,
          1,
          600);
  public static final ConfigKey<Integer> EVENT_PORT =
      ConfigKey.port(
          "onvif.event-port",
          "Port where the hub receives ONVIF event notifications, opened only when a camera's"
              + " events come that way (onvif.event-delivery)."
              + " Default 0.",
          0);

  public OnvifEventSettings {
    off = Set.copyOf(off);
    if (subscriptionSeconds < 2 || pullSeconds < 1) {
      throw new IllegalArgumentException("onvif event times must be positive");
    }
  }

  static List<ConfigKey<?>> keys() {
    return List.of(
        EVENTS,
        EVENTS_OFF,
        EVENT_DELIVERY,
        EVENT_SUBSCRIPTION_SECONDS,
        EVENT_PULL_SECONDS,
        EVENT_PORT);
  }

  /** Whether this camera's events are subscribed to. */
  boolean on(String cameraId) {
    return enabled && !off.contains(cameraId);
  }

  public static OnvifEventSettings from(HubConfig config) {
    String delivery = config.get(EVENT_DELIVERY).strip().toUpperCase(Locale.ROOT);
    if (!delivery.matches("PULLPOINT|NOTIFY|AUTO")) {
      throw new IllegalArgumentException(
          "onvif.event-delivery is " + delivery + ": use pullpoint, notify or auto");
    }
    return new OnvifEventSettings(
        config.get(EVENTS),
        Arrays.stream(config.get(EVENTS_OFF).split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet()),
        Delivery.valueOf(delivery),
        config.get(EVENT_SUBSCRIPTION_SECONDS),
        config.get(EVENT_PULL_SECONDS),
        config.get(EVENT_PORT));
  }
}
