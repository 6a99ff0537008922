package io.hearth.runtime.recording;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.device.EventStore;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.store.CameraStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes camera events out of motion, whatever reports it: an event opens when a camera's MOTION
 * state rises (the hub's detector, with its score, or anything else reporting the camera's MOTION,
 * such as its ONVIF events) or when a sensor tied to the camera sees motion or opens (contact
 * lost), and closes when that motion ends or after the longest event length. Each event is stored
 * before it is announced on the events feed (kind {@value CameraEvent#FEED_KIND}, once at its start
 * and once at its end), and gets a thumbnail. State lives on one Vert.x context.
 */
final class CameraEvents {
  private final Vertx vertx;
  private final EventIndex index;
  private final SensorLinks links;
  private final Thumbnails thumbnails;
  private final CameraStore cameras;
  private final EventStore feed;
  private final long maxMs;
  private final Map<String, Open> open = new HashMap<>();
  private final Map<String, Long> lastEnded = new ConcurrentHashMap<>();
  private final Map<String, Long> lastStarted = new ConcurrentHashMap<>();
  private Context context;
  private MessageConsumer<DeviceEvent> readings;

  private record Open(CameraEvent event, long timer) {}

  CameraEvents(
      Vertx vertx,
      EventIndex index,
      SensorLinks links,
      Thumbnails thumbnails,
      CameraStore cameras,
      EventStore feed,
      long maxMs) {
    this.vertx = vertx;
    this.index = index;
    this.links = links;
    this.thumbnails = thumbnails;
    this.cameras = cameras;
    this.feed = feed;
    this.maxMs = maxMs;
  }

  /** Closes what a cut left open, loads the sensor links, and follows readings. */
  Future<Void> start() {
    context = vertx.getOrCreateContext();
    return index
        .closeLeftOpen(System.currentTimeMillis(), maxMs)
        .compose(n -> links.load())
        .compose(
            v -> {
              readings = vertx.eventBus().localConsumer(EventStore.ADDRESS, m -> reading(m.body()));
              return readings.completion();
            });
  }

  /** Stops following readings and ends the open events now (a cut leaves them to the start). */
  Future<Void> close() {
    Future<Void> stopped = readings == null ? Future.succeededFuture() : readings.unregister();
    if (context == null) {
      return stopped;
    }
    Promise<Void> ended = Promise.promise();
    context.runOnContext(
        v ->
            Future.join(List.copyOf(open.values()).stream().map(o -> end(o.event())).toList())
                .onComplete(done -> ended.complete()));
    return Future.join(stopped, ended.future()).mapEmpty();
  }

  /** Motion as the hub's detector saw it, with its score; any thread. */
  void detected(String cameraId, boolean moving, double score) {
    context.runOnContext(v -> change(cameraId, moving, CameraEvent.MOTION, null, score));
  }

  /** Whether the camera has an open event, or had one end within {@code withinMs}. */
  boolean activeWithin(String cameraId, long withinMs, long now) {
    Long started = lastStarted.get(cameraId);
    Long ended = lastEnded.get(cameraId);
    boolean isOpen = started != null && (ended == null || ended < started);
    return isOpen || (ended != null && now - ended <= withinMs);
  }

  /** When the camera's last event ended (0 if none since the start). */
  long lastEnd(String cameraId) {
    return lastEnded.getOrDefault(cameraId, 0L);
  }

  /** When the camera's last event began (0 if none since the start). */
  long lastStart(String cameraId) {
    return lastStarted.getOrDefault(cameraId, 0L);
  }

  private void reading(DeviceEvent e) {
    if (!DeviceEvent.STATE.equals(e.kind()) || e.capability() == null) {
      return;
    }
    if (e.capability() == Capability.MOTION && Ids.isWellFormed(e.deviceId(), "cam")) {
      boolean moving = Boolean.TRUE.equals(e.value());
      cameras
          .get(e.deviceId())
          .onSuccess(c -> change(c.id(), moving, CameraEvent.ONVIF, null, null));
    }
    if (e.capability() == Capability.MOTION || e.capability() == Capability.CONTACT) {
      sensor(e);
    }
  }

  /** A linked sensor: motion, or a contact that opened (false = open), starts an event. */
  private void sensor(DeviceEvent e) {
    boolean active =
        e.capability() == Capability.MOTION
            ? Boolean.TRUE.equals(e.value())
            : Boolean.FALSE.equals(e.value());
    for (String cameraId : links.camerasOf(e.deviceId())) {
      Open current = open.get(cameraId);
      if (active) {
        change(cameraId, true, CameraEvent.SENSOR, e.deviceId(), null);
      } else if (current != null && e.deviceId().equals(current.event().sensorId())) {
        change(cameraId, false, CameraEvent.SENSOR, e.deviceId(), null);
      }
    }
  }

  private void change(String cameraId, boolean moving, String source, String sensor, Double score) {
    Open current = open.get(cameraId);
    if (moving && current == null) {
      begin(cameraId, source, sensor, score);
    } else if (!moving && current != null) {
      end(current.event());
    }
  }

  private void begin(String cameraId, String source, String sensor, Double score) {
    long now = System.currentTimeMillis();
    CameraEvent event =
        new CameraEvent(Ids.newId("cev"), cameraId, source, sensor, now, 0, score, false);
    long timer = vertx.setTimer(maxMs, t -> end(event));
    open.put(cameraId, new Open(event, timer));
    lastStarted.put(cameraId, now);
    index
        .open(event)
        .onSuccess(
            v -> {
              announce(event, "start", now);
              thumbnails.take(event).compose(wrapped -> index.thumbnail(event.id(), wrapped));
            });
  }

  private Future<Void> end(CameraEvent event) {
    Open current = open.get(event.cameraId());
    if (current == null || !current.event().id().equals(event.id())) {
      return Future.succeededFuture();
    }
    open.remove(event.cameraId());
    vertx.cancelTimer(current.timer());
    long now = System.currentTimeMillis();
    lastEnded.put(event.cameraId(), now);
    CameraEvent closed =
        new CameraEvent(
            event.id(),
            event.cameraId(),
            event.source(),
            event.sensorId(),
            event.startedAt(),
            now,
            event.score(),
            false);
    return index.close(event.id(), now).onSuccess(v -> announce(closed, "end", now));
  }

  private void announce(CameraEvent event, String phase, long at) {
    feed.append(
        new DeviceEvent(
            0,
            event.cameraId(),
            CameraEvent.FEED_KIND,
            null,
            event.toJson().put("phase", phase).put("thumbnail", null),
            "",
            at));
  }
}
