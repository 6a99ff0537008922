package io.hearth.api.mqtt;

import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.recording.CameraEvent;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest event's thumbnail of each camera, for Home Assistant's MQTT {@code image} entity
 * ({@link HaDiscovery#cameraEventImage}): the JPEG is published on {@code
 * hearth/<camera>/event_image} once the event's thumbnail exists (it is taken from the first
 * keyframe after the event starts, so it is asked for a few times).
 *
 * <p>Only on the hub's own broker, which delivers each message only to a client that holds an
 * events grant on the camera as it is now (the same rule as the events API); never to an external
 * broker, whose clients the hub does not vouch for. QoS 0 and not retained, so the picture is never
 * written to the broker's store (retained and queued messages are kept in SQLite, unencrypted,
 * while recordings and thumbnails are encrypted at rest): Home Assistant shows the latest picture
 * it received, and after its own restart shows none until the next event.
 */
final class EventImages {
  static final String LEAF = "event_image";
  private static final Logger LOG = LoggerFactory.getLogger(EventImages.class);
  private static final long[] TRIES_MS = {500, 1_000, 2_000, 4_000, 8_000};
  private static final int REMEMBERED = 256;

  private final ModuleContext hub;
  private final HubBroker broker;
  private final Set<String> published =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > REMEMBERED;
            }
          });

  EventImages(ModuleContext hub, HubBroker broker) {
    this.hub = hub;
    this.broker = broker;
  }

  static String topic(String cameraId) {
    return HubTopics.ROOT + cameraId + "/" + LEAF;
  }

  /** A feed entry: a camera event's start or end asks for its thumbnail. */
  void seen(DeviceEvent event) {
    if (!broker.embedded()
        || !CameraEvent.FEED_KIND.equals(event.kind())
        || !(event.value() instanceof JsonObject value)) {
      return;
    }
    String eventId = value.getString("id");
    if (eventId == null || isPublished(eventId)) {
      return;
    }
    if ("start".equals(value.getString("phase"))) {
      attempt(event.deviceId(), eventId, 0);
    } else {
      fetch(event.deviceId(), eventId, TRIES_MS.length - 1); // the end: once more, at once
    }
  }

  private void attempt(String cameraId, String eventId, int tryIndex) {
    hub.vertx()
        .setTimer(
            TRIES_MS[tryIndex],
            t -> {
              if (isPublished(eventId)) {
                return;
              }
              fetch(cameraId, eventId, tryIndex);
            });
  }

  private void fetch(String cameraId, String eventId, int tryIndex) {
    try {
      hub.recordings()
          .events()
          .thumbnail(cameraId, eventId)
          .onSuccess(jpeg -> publish(cameraId, eventId, jpeg))
          .onFailure(
              e -> {
                if (tryIndex + 1 < TRIES_MS.length) {
                  attempt(cameraId, eventId, tryIndex + 1);
                } else {
                  LOG.debug(
                      "no thumbnail for event {} of {}: {}", eventId, cameraId, e.getMessage());
                }
              });
    } catch (RuntimeException e) {
      LOG.debug("event thumbnails unavailable: {}", e.getMessage());
    }
  }

  private void publish(String cameraId, String eventId, byte[] jpeg) {
    synchronized (published) {
      if (!published.add(eventId)) {
        return;
      }
    }
    broker.publish(topic(cameraId), Buffer.buffer(jpeg), 0, false);
  }

  private boolean isPublished(String eventId) {
    synchronized (published) {
      return published.contains(eventId);
    }
  }
}
