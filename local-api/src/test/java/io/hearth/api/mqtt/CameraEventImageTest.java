package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.recording.CameraEvent;
import io.hearth.runtime.recording.RecordingMode;
import io.hearth.runtime.store.Sql;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.H264TestClip;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latest event's picture of a camera reaches Home Assistant as an MQTT {@code image} entity,
 * and only a client that holds an events grant on that camera: two cameras whose pictures move on a
 * schedule, one Home Assistant token granted events on the yard only. It gets the yard's documents
 * (which pass Home Assistant's schemas), the yard's motion and the yard's pictures (JPEGs that
 * decode, byte for byte an event thumbnail the events API holds for the yard), and nothing of the
 * garden, while the owner's client shows the garden's pictures were published. Pictures are never
 * retained: the broker's store (SQLite, not encrypted) never holds one.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class CameraEventImageTest {
  @TempDir Path dir;

  /** A client that keeps the raw bytes of every picture it is sent. */
  private record Pictures(Paho paho, List<Paho.Received> documents, Map<String, List<byte[]>> got) {
    static Pictures connect(BrokerHub hub, String id, String token) throws MqttException {
      Paho paho = Paho.connect(hub.url(), id, token, true);
      Pictures p = new Pictures(paho, new CopyOnWriteArrayList<>(), new ConcurrentHashMap<>());
      paho.client.subscribeWithResponse(
          "hearth/+/" + EventImages.LEAF,
          0,
          (topic, m) ->
              p.got
                  .computeIfAbsent(topic.split("/")[1], k -> new CopyOnWriteArrayList<>())
                  .add(m.getPayload()));
      paho.subscribe("homeassistant/#", 1);
      paho.subscribe("hearth/+/motion", 1);
      return p;
    }

    List<byte[]> of(String camera) {
      return got.getOrDefault(camera, List.of());
    }

    Map<String, String> seen() {
      documents.addAll(paho.drain());
      Map<String, String> last = new HashMap<>();
      documents.forEach(r -> last.put(r.topic(), r.payload()));
      return last;
    }
  }

  @Test
  void onlyAGrantHolderGetsACamerasLatestEventPicture() throws Exception {
    H264TestClip motion = H264TestClip.encodeMotion(dir);
    try (BrokerHub hub =
        BrokerHub.startWith(
            dir.resolve("data"),
            List.of(new io.hearth.api.MovingCameras(motion)),
            "recording.segment-seconds=2",
            "recording.motion-hold-seconds=1",
            "recording.pre-roll-seconds=1",
            "recording.post-roll-seconds=1")) {
      var context = hub.hub.context();
      String yard = camera(context, "Yard");
      String garden = camera(context, "Garden");
      String haToken = hub.tokenWith(yard, Scope.EVENTS);
      Pictures owner = Pictures.connect(hub, "owner-ha", hub.ownerToken);
      Pictures ha = Pictures.connect(hub, "homeassistant", haToken);
      try {
        for (String camera : List.of(yard, garden)) {
          BrokerHub.await(
              context.recordings().setMode(Principal.HUB, camera, RecordingMode.EVENTS));
        }
        Eventually.holdsWithin(
            Duration.ofSeconds(60), () -> !owner.of(garden).isEmpty() && !ha.of(yard).isEmpty());
        Thread.sleep(1_000); // anything the broker would wrongly deliver is on its way by now

        assertTrue(ha.of(garden).isEmpty(), "the yard's token got the garden's picture");
        List<byte[]> thumbnails = thumbnails(context, yard);
        for (byte[] jpeg : ha.of(yard)) {
          BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
          assertNotNull(image, "the picture is a JPEG");
          assertTrue(image.getWidth() > 0 && image.getHeight() > 0);
          assertTrue(
              thumbnails.stream().anyMatch(t -> Arrays.equals(t, jpeg)),
              "the picture is one of the yard's event thumbnails");
        }

        String yardDoc = "homeassistant/image/hearth_" + yard + "_event/config";
        String gardenDoc = "homeassistant/image/hearth_" + garden + "_event/config";
        Eventually.holdsWithin(Duration.ofSeconds(10), () -> ha.seen().containsKey(yardDoc));
        Map<String, String> haSaw = ha.seen();
        assertFalse(haSaw.containsKey(gardenDoc), "the yard's token read the garden's document");
        assertTrue(
            haSaw.keySet().stream().noneMatch(t -> t.contains(garden)),
            "the yard's token read a garden topic: " + haSaw.keySet());
        assertTrue(haSaw.containsKey("hearth/" + yard + "/motion"), haSaw.keySet().toString());
        io.vertx.core.json.JsonObject doc = new io.vertx.core.json.JsonObject(haSaw.get(yardDoc));
        assertEquals("hearth/" + yard + "/" + EventImages.LEAF, doc.getString("image_topic"));
        List<String> verdicts =
            HaSchemas.check(
                Map.of(
                    yardDoc,
                    haSaw.get(yardDoc),
                    "homeassistant/binary_sensor/hearth_" + yard + "_motion/config",
                    haSaw.get("homeassistant/binary_sensor/hearth_" + yard + "_motion/config")));
        assertTrue(verdicts.stream().allMatch(v -> v.startsWith("OK ")), verdicts.toString());
        String both = doc.copy().put("url_topic", "hearth/x/url").encode();
        String refused = HaSchemas.check(Map.of(yardDoc, both)).get(0);
        assertTrue(refused.startsWith("INVALID "), "the schema check can fail: " + refused);
        assertTrue(owner.seen().containsKey(gardenDoc), "the owner sees every camera's document");

        Integer stored =
            BrokerHub.await(
                context
                    .database()
                    .read(
                        c ->
                            Sql.one(
                                    c,
                                    "SELECT COUNT(*) FROM mqtt_retained WHERE topic LIKE ?",
                                    rs -> rs.getInt(1),
                                    "%/" + EventImages.LEAF)
                                .orElse(0)));
        assertEquals(0, stored, "a picture was retained in the broker's store");
      } finally {
        owner.paho().client.disconnect();
        ha.paho().client.disconnect();
      }
    }
  }

  private static String camera(io.hearth.runtime.HubContext context, String name) throws Exception {
    return BrokerHub.await(
            context
                .cameras()
                .create(
                    Principal.HUB,
                    "rtsp",
                    new Camera(
                        null,
                        name,
                        URI.create("h264motion://" + name.toLowerCase(java.util.Locale.ROOT)),
                        null,
                        null)))
        .id();
  }

  private static List<byte[]> thumbnails(io.hearth.runtime.HubContext context, String camera)
      throws Exception {
    List<CameraEvent> events =
        BrokerHub.await(
                context.recordings().events().list(List.of(camera), 0, Long.MAX_VALUE, 50, null))
            .events();
    List<byte[]> jpegs = new ArrayList<>();
    for (CameraEvent e : events) {
      try {
        jpegs.add(BrokerHub.await(context.recordings().events().thumbnail(camera, e.id())));
      } catch (Exception none) {
        // an event whose thumbnail is not taken yet
      }
    }
    return jpegs;
  }
}
