package io.hearth.runtime.recording;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.EventStore;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.security.Access;
import io.hearth.runtime.session.Fmp4Boxes;
import io.hearth.runtime.session.PlaybackSource;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.CameraStore;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.GrantStore;
import io.hearth.runtime.stream.Switchboard;
import io.hearth.runtime.stream.SwitchboardOptions;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Ffmpeg;
import io.hearth.runtime.testing.H264TestClip;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous recording of a real H.264 stream (libx264): segments ffprobe can play once decrypted,
 * that hold none of the stream's bytes on disk, that open with no other key nor under another
 * camera, kept within their budget oldest first, and files and index agreeing again after a cut.
 */
@Timeout(120)
class RecordingsTest {
  @TempDir Path dir;
  Vertx vertx;
  Database db;
  Switchboard switchboard;
  Recordings recordings;
  CameraStore cameras;
  MediaSources sources;
  EventStore events;
  Devices devices;
  H264TestClip clip;
  byte[] watermark;

  @BeforeEach
  void start() throws Exception {
    clip = H264TestClip.encode(dir);
    watermark = clip.watermark();
    vertx = Vertx.vertx();
    db = Database.open(vertx, dir.resolve("hearth.db"));
    cameras = new CameraStore(db);
    events = new EventStore(vertx, db, 7, 100_000);
    get(events.start());
    devices = new Devices(db, events, new Access(new GrantStore(db)));
    sources = new MediaSources();
    sources.register(clip.cameras());
    switchboard = new Switchboard(vertx, sources, new SwitchboardOptions());
    recordings = open();
  }

  private Recordings open() throws Exception {
    return open(5);
  }

  private Recordings open(int motionHoldSeconds) throws Exception {
    HubConfig config =
        new ConfigLoader(RecordingSettings.keys())
            .build()
            .with(RecordingSettings.SEGMENT_SECONDS, 2)
            .with(RecordingSettings.MOTION_HOLD_SECONDS, motionHoldSeconds);
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
    if (switchboard != null) {
      get(switchboard.close());
    }
    if (db != null) {
      db.close();
    }
    if (vertx != null) {
      vertx.close();
    }
  }

  @Test
  void segmentsPlayOnceDecryptedAndHoldNoneOfTheStreamOnDisk() throws Exception {
    Camera porch = camera("Porch");
    get(recordings.setMode(Principal.HUB, porch.id(), RecordingMode.CONTINUOUS));
    List<Segment> segments = awaitSegments(porch.id(), 2);

    Segment first = segments.get(0);
    byte[] mp4 = get(recordings.open(porch.id(), first.id()));
    Path played = dir.resolve("played.mp4");
    Files.write(played, mp4);
    Map<String, String> probe = Ffmpeg.probe(dir, 60, played);
    assertEquals("h264", probe.get("codec_name"));
    assertEquals("320", probe.get("width"));
    assertTrue(Integer.parseInt(probe.get("nb_read_frames")) >= 25, probe.toString());
    assertTrue(
        H264TestClip.contains(mp4, watermark), "the decrypted segment holds the stream's bytes");

    Path file = dir.resolve("recordings").resolve(porch.id()).resolve(first.id() + ".hrs");
    byte[] onDisk = Files.readAllBytes(file);
    assertFalse(
        H264TestClip.contains(onDisk, watermark), "the file on disk shows the stream in the clear");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertThrows(
        IllegalArgumentException.class,
        () -> SegmentCipher.open(SegmentCipher.newKey(), porch.id(), first.id(), onDisk),
        "a wrong key opened the segment");
    assertThrows(Exception.class, () -> get(recordings.open("cam_other", first.id())));
  }

  /**
   * A range plays as one MP4, byte for byte the segments' fragments after the first's init, and is
   * read part by part: a segment is read only when the player asks for it (so a long clip never
   * sits whole in a box's 96 MiB heap). Shown by deleting a later segment's file after the source
   * was made: the parts before it still come, and that part then fails.
   */
  @Test
  void aRangePlaysWholeAndIsReadOneSegmentAtATime() throws Exception {
    Camera porch = camera("Porch");
    get(recordings.setMode(Principal.HUB, porch.id(), RecordingMode.CONTINUOUS));
    awaitSegments(porch.id(), 4);
    get(recordings.setMode(Principal.HUB, porch.id(), RecordingMode.OFF));
    List<Segment> all = get(recordings.segments(porch.id(), 0, Long.MAX_VALUE, 100));
    String range =
        EventArchive.rangeReference(all.get(0).startedAt(), all.get(all.size() - 1).endedAt());

    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    for (Segment s : all) {
      Fmp4Boxes.Split split = Fmp4Boxes.split(get(recordings.open(porch.id(), s.id())));
      if (expected.size() == 0) {
        expected.writeBytes(split.init());
      }
      split.fragments().forEach(expected::writeBytes);
    }
    byte[] whole = get(get(recordings.playback(porch.id(), range)).whole());
    assertTrue(
        Arrays.equals(expected.toByteArray(), whole),
        "the range is not its " + all.size() + " segments' fragments in order");

    PlaybackSource source = get(recordings.playback(porch.id(), range));
    assertFalse(source.first().fragments().isEmpty());
    Files.delete(new SegmentFiles(dir).path(porch.id(), all.get(2).id()));
    PlaybackSource.Part second = get(source.rest().next());
    assertFalse(second.fragments().isEmpty(), "the second segment, still on disk");
    assertThrows(
        Exception.class,
        () -> get(source.rest().next()),
        "the third segment's file is gone: it was read before the player asked for it");
    source.first().release();
    second.release();
    assertEquals(0, recordings.playbackMemory()[0], "every part read was given back");
  }

  /**
   * Three ranges read at once, each whole (as three viewers would, part by part), all come back
   * complete, and every part they held is given back to the playbacks' budget.
   */
  @Test
  void rangesReadAtOnceGiveEveryPartBack() throws Exception {
    Camera porch = camera("Porch");
    get(recordings.setMode(Principal.HUB, porch.id(), RecordingMode.CONTINUOUS));
    awaitSegments(porch.id(), 3);
    get(recordings.setMode(Principal.HUB, porch.id(), RecordingMode.OFF));
    List<Segment> all = get(recordings.segments(porch.id(), 0, Long.MAX_VALUE, 100));
    String range =
        EventArchive.rangeReference(all.get(0).startedAt(), all.get(all.size() - 1).endedAt());
    List<io.vertx.core.Future<byte[]>> reads = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      reads.add(recordings.playback(porch.id(), range).compose(PlaybackSource::whole));
    }
    byte[] first = get(reads.get(0));
    for (io.vertx.core.Future<byte[]> read : reads) {
      assertTrue(Arrays.equals(first, get(read)), "the same range read differently");
    }
    long[] memory = recordings.playbackMemory();
    assertEquals(0, memory[0], "parts still held after every read ended");
    long largest = all.stream().mapToLong(Segment::bytes).max().orElseThrow();
    assertTrue(memory[1] >= largest, "the budget never counted a part: peak " + memory[1]);
  }

  @Test
  void retentionDeletesTheOldestFirstWithinTheBudget() throws Exception {
    Camera porch = camera("Porch");
    get(recordings.setMode(Principal.HUB, porch.id(), RecordingMode.CONTINUOUS));
    List<Segment> segments = awaitSegments(porch.id(), 4);
    long keep =
        segments.get(segments.size() - 1).bytes() + segments.get(segments.size() - 2).bytes();
    get(recordings.setMode(Principal.HUB, porch.id(), RecordingMode.OFF));
    List<Segment> all = get(recordings.segments(porch.id(), 0, Long.MAX_VALUE, 100));

    Retention tight =
        new Retention(
            new SegmentIndex(db.forModule(Recordings.MODULE)),
            new SegmentFiles(dir),
            writerOf(recordings),
            86_400_000L,
            50,
            keep);
    int deleted = get(tight.sweep());

    List<Segment> left = get(recordings.segments(porch.id(), 0, Long.MAX_VALUE, 100));
    assertEquals(all.size() - left.size(), deleted);
    assertTrue(left.stream().mapToLong(Segment::bytes).sum() <= keep, "over the budget");
    assertEquals(all.subList(all.size() - left.size(), all.size()), left, "not the oldest first");
    for (Segment gone : all.subList(0, deleted)) {
      assertFalse(Files.exists(new SegmentFiles(dir).path(porch.id(), gone.id())));
    }
  }

  @Test
  void afterACutFilesAndIndexAgreeAndWholeSegmentsStillPlay() throws Exception {
    Camera porch = camera("Porch");
    get(recordings.setMode(Principal.HUB, porch.id(), RecordingMode.CONTINUOUS));
    List<Segment> segments = awaitSegments(porch.id(), 2);
    get(recordings.close());
    SegmentFiles files = new SegmentFiles(dir);
    Path cameraDir = files.root().resolve(porch.id());
    Files.write(cameraDir.resolve("seg_half.hrs.tmp"), new byte[] {1, 2, 3}); // cut mid-write
    Files.write(cameraDir.resolve("seg_unindexed.hrs"), new byte[] {4, 5, 6}); // cut before row
    Files.delete(files.path(porch.id(), segments.get(1).id())); // a file lost with its row kept

    recordings = open();

    assertFalse(Files.exists(cameraDir.resolve("seg_half.hrs.tmp")));
    assertFalse(Files.exists(cameraDir.resolve("seg_unindexed.hrs")));
    List<String> ids =
        get(recordings.segments(porch.id(), 0, Long.MAX_VALUE, 100)).stream()
            .map(Segment::id)
            .toList();
    assertFalse(ids.contains(segments.get(1).id()), "a row names a missing file");
    assertTrue(get(recordings.open(porch.id(), segments.get(0).id())).length > 0);
    assertEquals(RecordingMode.CONTINUOUS, get(recordings.mode(porch.id())), "mode not kept");
  }

  @Test
  void motionOnTheHubFollowsTheScheduleOfThePicture() throws Exception {
    sources.register(H264TestClip.encodeMotion(dir).cameras("h264motion"));
    get(recordings.close());
    recordings = open(1);
    Camera yard =
        get(
            cameras.create(
                Principal.HUB,
                "rtsp",
                new Camera(null, "Yard", URI.create("h264motion://yard"), null, null)));
    long start = System.currentTimeMillis();
    get(recordings.setMode(Principal.HUB, yard.id(), RecordingMode.CONTINUOUS));
    Thread.sleep(11_000); // the picture's schedule: still 2 s, moving 2 s, again and again
    get(events.flush());

    List<DeviceEvent> seen =
        get(events.history(yard.id(), Capability.MOTION, 0, Long.MAX_VALUE, 100));
    List<Long> starts =
        seen.stream().filter(e -> Boolean.TRUE.equals(e.value())).map(DeviceEvent::at).toList();
    assertTrue(starts.size() >= 2, "motion started " + starts.size() + " times: " + seen);
    System.out.println(
        "motion began at "
            + starts.stream().map(at -> (at - start) + " ms").toList()
            + " after the stream started (the square moves from 2,000 + k * 4,000 ms)");
    for (long at : starts) {
      long phase = Math.floorMod(at - start - 2000, 4000);
      assertTrue(
          phase <= 1000 || phase >= 3000,
          "motion began " + (at - start) + " ms in; the square starts moving 2 s into every 4 s");
    }
    assertTrue(
        seen.stream().anyMatch(e -> Boolean.FALSE.equals(e.value())),
        "motion never ended: " + seen);
  }

  private static SegmentWriter writerOf(Recordings r) throws Exception {
    var field = Recordings.class.getDeclaredField("writer");
    field.setAccessible(true);
    return (SegmentWriter) field.get(r);
  }

  private Camera camera(String name) throws Exception {
    return get(
        cameras.create(
            Principal.HUB,
            "rtsp",
            new Camera(null, name, URI.create("h264test://" + name.toLowerCase()), null, null)));
  }

  private List<Segment> awaitSegments(String cameraId, int count) throws Exception {
    return Eventually.value(
        Duration.ofSeconds(60),
        count + " segments of " + cameraId + " recorded",
        () -> {
          List<Segment> found = get(recordings.segments(cameraId, 0, Long.MAX_VALUE, 100));
          return found.size() >= count ? found : null;
        });
  }
}
