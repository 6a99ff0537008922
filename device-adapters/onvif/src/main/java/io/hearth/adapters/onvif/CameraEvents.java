package io.hearth.adapters.onvif;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.store.CameraStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one event subscription per adopted ONVIF camera whose events are on, keyed by the camera's
 * full identity ({@link Key}: id, pinned address, device service, credentials): when any part of it
 * changes (the camera was followed to a new address, its password changed) the old subscription is
 * stopped before a new one is made; a removed camera's is stopped. Checked at start, after each
 * adoption, and every {@value #REFRESH_MS} ms.
 */
final class CameraEvents {
  private static final Logger LOG = LoggerFactory.getLogger(CameraEvents.class);
  static final long REFRESH_MS = 5_000;
  static final long RETRY_SERVICE_MS = 60_000;

  /** What a subscription is keyed by: the adopted camera's full, current identity. */
  record Key(String cameraId, String host, URI deviceService, Camera.Credentials credentials) {
    static String hostOf(Camera camera) {
      return camera.url().getHost().replace("[", "").replace("]", "");
    }
  }

  private record Running(Key key, EventSubscription subscription, long retryAt) {}

  private final Vertx vertx;
  private final OnvifClient client;
  private final OnvifSettings onvif;
  private final OnvifEventSettings settings;
  private final CameraStore cameras;
  private final Inbox inbox;
  private final Devices devices;
  private final NotificationConsumer consumer;
  private final Map<String, Running> running = new HashMap<>();
  private long timer = -1;
  private boolean stopped;

  CameraEvents(
      Vertx vertx,
      OnvifClient client,
      OnvifSettings onvif,
      OnvifEventSettings settings,
      Services hub,
      NotificationConsumer consumer) {
    this.vertx = vertx;
    this.client = client;
    this.onvif = onvif;
    this.settings = settings;
    this.cameras = hub.cameras();
    this.inbox = hub.inbox();
    this.devices = hub.devices();
    this.consumer = consumer;
  }

  /** The hub's parts this needs. */
  record Services(CameraStore cameras, Inbox inbox, Devices devices) {}

  void start() {
    refresh();
    timer = vertx.setPeriodic(REFRESH_MS, t -> refresh());
  }

  /** Compares the subscriptions with the cameras now. */
  void refresh() {
    cameras.list().onSuccess(this::reconcile);
  }

  private synchronized void reconcile(List<Camera> list) {
    if (stopped) {
      return;
    }
    Map<String, Key> wanted = new HashMap<>();
    for (Camera camera : list) {
      key(camera).ifPresent(k -> wanted.put(k.cameraId(), k));
    }
    for (Running r : new ArrayList<>(running.values())) {
      Key now = wanted.get(r.key().cameraId());
      boolean retry = r.subscription() == null && System.currentTimeMillis() >= r.retryAt();
      if (!r.key().equals(now) || retry) {
        running.remove(r.key().cameraId());
        stopQuietly(r);
      }
    }
    wanted.values().stream().filter(k -> !running.containsKey(k.cameraId())).forEach(this::begin);
  }

  private Optional<Key> key(Camera camera) {
    if (!settings.on(camera.id())) {
      return Optional.empty();
    }
    Optional<Discovered> entry =
        inbox.adoptedAs(camera.id()).filter(d -> Sightings.PROTOCOL.equals(d.protocol()));
    try {
      return entry.map(
          e ->
              new Key(
                  camera.id(),
                  Key.hostOf(camera),
                  OnvifDevice.onHost(OnvifAdopter.deviceService(e), Key.hostOf(camera)),
                  camera.credentials()));
    } catch (RuntimeException e) {
      return Optional.empty(); // no device service address is known: no events
    }
  }

  private void begin(Key key) {
    running.put(key.cameraId(), new Running(key, null, Long.MAX_VALUE));
    new OnvifDevice(client, key.deviceService(), key.host(), key.credentials())
        .eventService()
        .onComplete(r -> found(key, r.succeeded() ? r.result() : null, r.cause()));
  }

  private synchronized void found(Key key, URI events, Throwable failure) {
    Running placeholder = running.get(key.cameraId());
    if (stopped || placeholder == null || !placeholder.key().equals(key)) {
      return;
    }
    if (events == null) {
      LOG.warn(
          "ONVIF camera {}: no camera events: {}; trying again in {} s",
          key.cameraId(),
          failure.getMessage(),
          RETRY_SERVICE_MS / 1000);
      running.put(
          key.cameraId(), new Running(key, null, System.currentTimeMillis() + RETRY_SERVICE_MS));
      return;
    }
    EventSubscription s = subscription(key, events);
    running.put(key.cameraId(), new Running(key, s, 0));
    s.start();
  }

  private EventSubscription subscription(Key key, URI events) {
    EventCalls calls =
        new EventCalls(client, key.host(), key.credentials(), onvif.requestTimeoutMs());
    MotionReport report = new MotionReport(key, cameras, devices);
    if (settings.delivery() == OnvifEventSettings.Delivery.NOTIFY) {
      return new Notified(vertx, calls, settings, report, key, events, consumer);
    }
    Runnable fallback =
        settings.delivery() == OnvifEventSettings.Delivery.AUTO
            ? () -> fallBack(key, events)
            : null;
    return new PullPoint(vertx, calls, settings, report, key.cameraId(), events, fallback);
  }

  /** The camera refuses PullPoint: its events come as notifications instead. */
  private synchronized void fallBack(Key key, URI events) {
    Running r = running.get(key.cameraId());
    if (stopped || r == null || !r.key().equals(key) || r.subscription() instanceof Notified) {
      return;
    }
    LOG.info("ONVIF camera {}: refuses PullPoint; asking for notifications", key.cameraId());
    r.subscription().stop();
    EventCalls calls =
        new EventCalls(client, key.host(), key.credentials(), onvif.requestTimeoutMs());
    MotionReport report = new MotionReport(key, cameras, devices);
    EventSubscription s = new Notified(vertx, calls, settings, report, key, events, consumer);
    running.put(key.cameraId(), new Running(key, s, 0));
    s.start();
  }

  private static Future<Void> stopQuietly(Running r) {
    return r.subscription() == null ? Future.succeededFuture() : r.subscription().stop();
  }

  Future<Void> stop() {
    List<Future<Void>> stops = new ArrayList<>();
    synchronized (this) {
      stopped = true;
      vertx.cancelTimer(timer);
      running.values().forEach(r -> stops.add(stopQuietly(r)));
      running.clear();
    }
    return Future.join(stops).mapEmpty();
  }
}
