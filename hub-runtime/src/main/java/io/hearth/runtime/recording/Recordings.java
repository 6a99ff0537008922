package io.hearth.runtime.recording;

import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.session.PlaybackSource;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.CameraStore;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.ModuleSchema;
import io.hearth.runtime.stream.Subscription;
import io.hearth.runtime.stream.Switchboard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camera recordings: which cameras are recorded, the recorders that cut their feeds into encrypted
 * segments, the index, and retention. A recorder is one more viewer of the switchboard's feed, so
 * recording never opens a second connection to a camera. Who may list or play a recording is the
 * caller's decision (a grant with the {@code events} scope for its camera); this class only keeps
 * segments. Its tables are its own ({@link #SCHEMA}), reached through a store limited to them.
 */
public final class Recordings {
  public static final String MODULE = "recording";
  public static final ModuleSchema SCHEMA =
      ModuleSchema.of(Recordings.class, "001-recordings.sql", "002-camera-events.sql");
  static final long SWEEP_MS = 60_000;
  private static final Logger LOG = LoggerFactory.getLogger(Recordings.class);

  private final Vertx vertx;
  private final Database db;
  private final Path dataDir;
  private final Switchboard switchboard;
  private final CameraStore cameras;
  private final Devices devices;
  private final AuditLog audit;
  private volatile HubConfig config;
  private final SegmentFiles files;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final java.util.Set<Future<Segment>> inflight = ConcurrentHashMap.newKeySet();
  private SegmentIndex index;
  private RecordingKey key;
  private SegmentWriter writer;
  private volatile Retention retention;
  private Clips clips;
  private CameraEvents events;
  private EventArchive archive;
  private EventGate gate;
  private final Map<String, RecordingMode> modes = new ConcurrentHashMap<>();
  private long timer = -1;

  private record Running(
      CameraRecorder recorder,
      Subscription subscription,
      MotionDetector motion,
      Subscription sees) {
    Future<Void> close() {
      if (motion != null) {
        motion.close();
      }
      Future<Void> watching = sees == null ? Future.succeededFuture() : sees.close();
      return Future.join(subscription.close(), watching).mapEmpty();
    }
  }

  public Recordings(
      Vertx vertx,
      Database db,
      Path dataDir,
      Switchboard switchboard,
      CameraStore cameras,
      Devices devices,
      AuditLog audit,
      HubConfig config) {
    this.devices = devices;
    this.vertx = vertx;
    this.db = db;
    this.dataDir = dataDir;
    this.switchboard = switchboard;
    this.cameras = cameras;
    this.audit = audit;
    this.config = config;
    this.files = new SegmentFiles(dataDir);
  }

  /** Applies the tables, loads the key, repairs after a cut, and starts the cameras' recorders. */
  public Future<Void> start() {
    return db.migrate(MODULE, SCHEMA)
        .compose(v -> vertx.executeBlocking(() -> RecordingKey.load(dataDir)))
        .compose(
            loaded -> {
              key = loaded;
              index = new SegmentIndex(db.forModule(MODULE));
              writer = new SegmentWriter(vertx, files, index, key);
              retention = Retention.of(config, index, files, writer);
              clips =
                  new Clips(
                      index,
                      files,
                      writer,
                      key,
                      new PartBudget(
                          config.get(RecordingSettings.PLAYBACK_MEMORY_MB) * 1_000_000L));
              return retention.recover().compose(v -> startEvents());
            })
        .compose(v -> index.modes())
        .compose(
            found -> {
              modes.putAll(found);
              return Future.join(found.keySet().stream().map(this::resume).toList());
            })
        .onSuccess(v -> timer = vertx.setPeriodic(SWEEP_MS, id -> sweep()))
        .mapEmpty();
  }

  private Future<Void> startEvents() {
    EventIndex eventIndex = new EventIndex(db.forModule(MODULE));
    SensorLinks links = new SensorLinks(db.forModule(MODULE));
    Thumbnails thumbnails = new Thumbnails(vertx, cameras, switchboard, dataDir, writer, key);
    long pre = config.get(RecordingSettings.PRE_ROLL_SECONDS) * 1000L;
    long post = config.get(RecordingSettings.POST_ROLL_SECONDS) * 1000L;
    long max = config.get(RecordingSettings.EVENT_MAX_SECONDS) * 1000L;
    events = new CameraEvents(vertx, eventIndex, links, thumbnails, cameras, devices.events(), max);
    archive = new EventArchive(eventIndex, links, thumbnails, clips, pre, post);
    gate = new EventGate(events, pre, post, this::store);
    return events.start();
  }

  private void sweep() {
    retention.sweep();
    archive.sweep(System.currentTimeMillis() - Retention.maxAgeMillis(config));
  }

  /**
   * Keeps recordings as {@code updated}'s {@code recording.*} retention keys say from now on (the
   * owner changed them in the app), and sweeps at once.
   */
  public synchronized void retain(HubConfig updated) {
    config = updated;
    if (retention != null && archive != null) { // started; before that, start() reads config
      retention = Retention.of(updated, index, files, writer);
      sweep();
    }
  }

  /** The age after which recordings are deleted, as it applies now. */
  public long maxAgeMillis() {
    return Retention.maxAgeMillis(config);
  }

  /** Camera events: pages, one event, thumbnails, clips, sensor links. */
  public EventArchive events() {
    if (archive == null) {
      throw new HubException(503, "recordings_unavailable", "recordings did not start");
    }
    return archive;
  }

  private Future<Void> resume(String cameraId) {
    return record(cameraId)
        .recover(
            e -> {
              LOG.warn("recording of camera {} not resumed: {}", cameraId, e.getMessage());
              return Future.succeededFuture();
            });
  }

  private Future<Void> started() {
    return index == null || writer == null
        ? Future.failedFuture(
            new HubException(
                503,
                "recordings_unavailable",
                "recordings did not start; the hub's log says why (often "
                    + RecordingKey.FILE
                    + " in the data directory)"))
        : Future.succeededFuture();
  }

  /** How a camera is recorded now. */
  public Future<RecordingMode> mode(String cameraId) {
    return started()
        .compose(v -> index.modes())
        .map(m -> m.getOrDefault(cameraId, RecordingMode.OFF));
  }

  /** Starts or stops recording a camera, audited under {@code actor}. */
  public Future<Void> setMode(Principal actor, String cameraId, RecordingMode mode) {
    return started()
        .compose(v -> cameras.get(cameraId))
        .compose(camera -> index.setMode(cameraId, mode))
        .compose(
            v -> {
              modes.put(cameraId, mode);
              gate.drop(cameraId);
              return mode == RecordingMode.OFF ? stop(cameraId) : record(cameraId);
            })
        .compose(
            v ->
                audit.record(
                    actor,
                    "recording.mode",
                    cameraId,
                    new JsonObject().put("mode", mode.wireName())));
  }

  /** A camera's segments overlapping [from, to], oldest first. */
  public Future<List<Segment>> segments(String cameraId, long from, long to, int limit) {
    return started().compose(v -> index.list(cameraId, from, to, limit));
  }

  /** A camera's recording overlapping [from, to] as spans without gaps, oldest first. */
  public Future<List<RecordedSpan>> spans(String cameraId, long from, long to, int limit) {
    return started().compose(v -> index.spans(cameraId, from, to, limit));
  }

  /** The decrypted fragmented MP4 of a segment of {@code cameraId}. */
  public Future<byte[]> open(String cameraId, String segmentId) {
    return segment(cameraId, segmentId).compose(s -> clips.decrypt(s));
  }

  /**
   * Bytes of recordings the playbacks hold now, the most at once so far, and the budget's limit
   * (zeros before the recordings have started).
   */
  public long[] playbackMemory() {
    Clips started = clips;
    if (started == null) {
      return new long[] {0, 0, 0};
    }
    long[] heldAndPeak = started.heldAndPeak();
    return new long[] {heldAndPeak[0], heldAndPeak[1], started.budgetLimit()};
  }

  /** One segment of {@code cameraId}; 404 when there is none, or it is another camera's. */
  public Future<Segment> segment(String cameraId, String segmentId) {
    return started().compose(v -> clips.segment(cameraId, segmentId));
  }

  /** What a playback session of {@code cameraId} plays: see {@link EventArchive#playback}. */
  public Future<PlaybackSource> playback(String cameraId, String reference) {
    return started().compose(v -> archive.playback(cameraId, reference));
  }

  private Future<Void> record(String cameraId) {
    if (running.containsKey(cameraId)) {
      return Future.succeededFuture();
    }
    long segmentMillis = config.get(RecordingSettings.SEGMENT_SECONDS) * 1000L;
    CameraRecorder recorder =
        new CameraRecorder(cameraId, segmentMillis, () -> writer.ready(), this::gated);
    MotionDetector motion = MotionDetector.reporting(config, cameraId, events, devices);
    return cameras
        .get(cameraId)
        .compose(
            camera ->
                switchboard
                    .subscribe(camera, recorder)
                    .compose(
                        recording ->
                            motion == null
                                ? Future.succeededFuture(
                                    new Running(recorder, recording, null, null))
                                : switchboard
                                    .subscribe(camera, motion)
                                    .map(sees -> new Running(recorder, recording, motion, sees))))
        .onSuccess(r -> running.put(cameraId, r))
        .mapEmpty();
  }

  private Future<Void> stop(String cameraId) {
    Running r = running.remove(cameraId);
    if (r == null) {
      return Future.succeededFuture();
    }
    return r.close()
        .transform(
            v -> {
              r.recorder().finish();
              return Future.join(List.copyOf(inflight));
            })
        .mapEmpty();
  }

  /** A finished segment: stored, or on events only held until an event needs it. */
  private void gated(CameraRecorder.Finished done) {
    if (modes.get(done.cameraId()) == RecordingMode.EVENTS) {
      gate.offer(done);
    } else {
      store(done);
    }
  }

  private void store(CameraRecorder.Finished done) {
    Future<Segment> stored = writer.store(done);
    inflight.add(stored);
    stored.onComplete(r -> inflight.remove(stored));
  }

  /**
   * Ends every recorder's current segment and stores it, then stops the writer; the hub waits for
   * it before it closes the store.
   */
  public Future<Void> close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (writer == null) {
      return Future.succeededFuture();
    }
    Future<Void> eventsEnded = events == null ? Future.succeededFuture() : events.close();
    return eventsEnded
        .transform(
            v -> Future.join(List.copyOf(running.keySet()).stream().map(this::stop).toList()))
        .transform(
            v ->
                vertx.executeBlocking(
                    () -> {
                      writer.close();
                      return null;
                    }))
        .mapEmpty();
  }
}
