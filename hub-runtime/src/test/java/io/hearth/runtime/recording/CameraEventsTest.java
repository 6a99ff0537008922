package io.hearth.runtime.recording;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.EventStore;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.security.Access;
import io.hearth.runtime.session.PlaybackSource;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.CameraStore;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.GrantStore;
import io.hearth.runtime.store.Sql;
import io.hearth.runtime.stream.Switchboard;
import io.hearth.runtime.stream.SwitchboardOptions;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Ffmpeg;
import io.hearth.runtime.testing.H264TestClip;
import io.vertx.core.Vertx;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camera events from a real H.264 picture that moves on a schedule (still 2 s, moving 2 s),
 * recorded on events only: events start within 1 s of the schedule, each with a JPEG thumbnail of
 * the camera's size and a clip ffprobe reads; nothing of the picture is on disk in the clear; an
 * event left open by a cut is closed at the next start; a linked sensor starts an event on its
 * camera.
 */
@Timeout(120)
class CameraEventsTest {
  @TempDir Path dir;
  Vertx vertx;
  Database db;
  Switchboard switchboard;
  Recordings recordings;
  CameraStore cameras;
  EventStore events;
  Devices devices;
  H264TestClip motion;
  static final String CUT = "UPDATE camera_event SET ended_at = NULL WHERE id = ?";

  @BeforeEach
  void start() throws Exception {
    motion = H264TestClip.encodeMotion(dir);
    vertx = Vertx.vertx();
    db = Database.open(vertx, dir.resolve("hearth.db"));
    cameras = new CameraStore(db);
    events = new EventStore(vertx, db, 7, 100_000);
    get(events.start());
    devices = new Devices(db, events, new Access(new GrantStore(db)));
    MediaSources sources = new MediaSources();
    sources.register(motion.cameras("h264motion"));
    switchboard = new Switchboard(vertx, sources, new SwitchboardOptions());
    recordings = open();
  }

  private Recordings open() throws Exception {
    HubConfig config =
        new ConfigLoader(RecordingSettings.keys())
            .build()
            .with(RecordingSettings.SEGMENT_SECONDS, 2)
            .with(RecordingSettings.MOTION_HOLD_SECONDS, 1)
            .with(RecordingSettings.PRE_ROLL_SECONDS, 1)
            .with(RecordingSettings.POST_ROLL_SECONDS, 1);
    Recordings r =
        new Recordings(vertx, db, dir, switchboard, cameras, devices, new AuditLog(db), config);
    get(r.start());
    return r;
  }

  @AfterEach
  void stop() throws Exception {
    if (recordings != null) {
      get(recordings.close());
    }
    get(switchboard.close());
    db.close();
    vertx.close();
  }

  @Test
  void eventsFollowTheScheduleWithThumbnailAndClipAndNothingPlainOnDisk() throws Exception {
    Camera yard = camera("Yard");
    long start = System.currentTimeMillis();
    get(recordings.setMode(Principal.HUB, yard.id(), RecordingMode.EVENTS));
    List<CameraEvent> found =
        Eventually.value(
            Duration.ofSeconds(40),
            "two closed events of the yard with thumbnails",
            () -> {
              List<CameraEvent> page = page(yard.id());
              long done = page.stream().filter(e -> !e.open() && e.thumbnail()).count();
              return done >= 2 ? page : null;
            });
    for (CameraEvent e : found) {
      assertEquals(CameraEvent.MOTION, e.source());
      long phase = Math.floorMod(e.startedAt() - start - 2000, 4000);
      assertTrue(
          phase <= 1000 || phase >= 3000,
          "event began " + (e.startedAt() - start) + " ms in; motion starts at 2 s of every 4 s");
      assertTrue(e.score() != null && e.score() > 0, "no score: " + e);
    }
    CameraEvent first = found.stream().filter(e -> !e.open() && e.thumbnail()).findFirst().get();
    byte[] jpeg = get(recordings.events().thumbnail(yard.id(), first.id()));
    BufferedImage picture = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertEquals(320, picture.getWidth());
    assertEquals(240, picture.getHeight());

    PlaybackSource clip =
        Eventually.value(
            Duration.ofSeconds(20),
            "the clip's segments stored",
            () -> get(recordings.events().clip(yard.id(), first.id())));
    Path file = dir.resolve("clip.mp4");
    Files.write(file, get(clip.whole()));
    Map<String, String> probe = Ffmpeg.probe(dir, 60, file);
    assertEquals("h264", probe.get("codec_name"));
    assertEquals("320", probe.get("width"));
    assertTrue(Integer.parseInt(probe.get("nb_read_frames")) >= 25, probe.toString());

    byte[] middle = Arrays.copyOfRange(jpeg, jpeg.length / 2, jpeg.length / 2 + 32);
    for (Path stored : storedFiles()) {
      byte[] bytes = Files.readAllBytes(stored);
      assertFalse(H264TestClip.contains(bytes, motion.watermark()), "stream bytes in " + stored);
      assertFalse(H264TestClip.contains(bytes, middle), "thumbnail bytes in " + stored);
    }
    assertTrue(storedFiles().stream().anyMatch(p -> p.toString().contains("thumbnails")));
  }

  @Test
  void anEventLeftOpenByACutIsClosedAtTheNextStart() throws Exception {
    Camera yard = camera("Yard");
    get(recordings.setMode(Principal.HUB, yard.id(), RecordingMode.EVENTS));
    CameraEvent open =
        Eventually.value(
            Duration.ofSeconds(20),
            "an open event",
            () -> page(yard.id()).stream().filter(CameraEvent::open).findFirst().orElse(null));
    get(recordings.events().link("dev_unused", yard.id()));
    get(recordings.close());
    recordings = null;
    get(db.write(c -> Sql.update(c, CUT, open.id()))); // the row as a cut leaves it: still open
    Recordings again = open();
    try {
      CameraEvent closed = get(again.events().get(yard.id(), open.id()));
      assertFalse(closed.open(), "still open after a restart: " + closed);
      assertTrue(closed.endedAt() >= closed.startedAt());
      assertEquals(List.of("dev_unused"), again.events().sensors(yard.id()));
    } finally {
      recordings = again;
    }
  }

  @Test
  void aLinkedSensorStartsAnEventOnItsCamera() throws Exception {
    Camera porch = camera("Porch");
    SensorDevice sensor =
        get(devices.ensure("mqtt", "z2m:hall", "Hall motion", Set.of(Capability.MOTION)));
    get(recordings.events().link(sensor.id(), porch.id()));
    long at = System.currentTimeMillis();
    devices.report(sensor.id(), Capability.MOTION, true, at);
    CameraEvent e =
        Eventually.value(
            Duration.ofSeconds(10),
            "an event of the porch",
            () -> page(porch.id()).stream().findFirst().orElse(null));
    assertEquals(CameraEvent.SENSOR, e.source());
    assertEquals(sensor.id(), e.sensorId());
    assertTrue(e.startedAt() - at < 1000, "started " + (e.startedAt() - at) + " ms late");
    devices.report(sensor.id(), Capability.MOTION, false, System.currentTimeMillis());
    Eventually.value(
        Duration.ofSeconds(10),
        "the event closed",
        () -> get(recordings.events().get(porch.id(), e.id())).open() ? null : true);
    assertTrue(page(camera("Other").id()).isEmpty());
  }

  private List<CameraEvent> page(String cameraId) throws Exception {
    return get(recordings.events().list(List.of(cameraId), 0, Long.MAX_VALUE, 100, null)).events();
  }

  private List<Path> storedFiles() throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".hrs")).toList();
    }
  }

  private Camera camera(String name) throws Exception {
    return get(
        cameras.create(
            Principal.HUB,
            "rtsp",
            new Camera(null, name, URI.create("h264motion://" + name.toLowerCase()), null, null)));
  }
}
