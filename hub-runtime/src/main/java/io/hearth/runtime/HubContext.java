package io.hearth.runtime;

import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.EventStore;
import io.hearth.runtime.discovery.Announcements;
import io.hearth.runtime.discovery.CameraAdoption;
import io.hearth.runtime.discovery.CameraFollowing;
import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.domain.Home;
import io.hearth.runtime.net.ConnectionLimits;
import io.hearth.runtime.net.egress.Egress;
import io.hearth.runtime.net.egress.EgressSettings;
import io.hearth.runtime.recording.RecordingSettings;
import io.hearth.runtime.recording.Recordings;
import io.hearth.runtime.security.Access;
import io.hearth.runtime.security.AccessWatch;
import io.hearth.runtime.security.HubCertificates;
import io.hearth.runtime.security.Pairings;
import io.hearth.runtime.security.TokenService;
import io.hearth.runtime.session.StreamSessions;
import io.hearth.runtime.settings.Settings;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.CameraStore;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.DisplayStore;
import io.hearth.runtime.store.GrantStore;
import io.hearth.runtime.store.MemberStore;
import io.hearth.runtime.store.RestreamStore;
import io.hearth.runtime.store.SettingStore;
import io.hearth.runtime.stream.StreamSettings;
import io.hearth.runtime.stream.Switchboard;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the hub hands to each module at start: Vert.x, the effective configuration, the store and
 * the security core. Everything here reads the store's current state; nothing is a cached copy.
 */
public final class HubContext {
  private final io.vertx.core.Vertx vertx;
  private final HubConfig config;
  private final Path dataDir;
  private final Home home;
  private final Database database;
  private final HubCertificates certificates;
  private final long startedAt;
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private final MemberStore members;
  private final TokenService tokens;
  private final io.hearth.runtime.security.Signins signins;
  private final io.hearth.runtime.security.Credentials credentials;
  private final GrantStore grants;
  private final RestreamStore restreams;
  private final Access access;
  private final AuditLog audit;
  private final Egress egress;
  private final MediaSources mediaSources;
  private final CameraStore cameras;
  private final DisplayStore displays;
  private final Pairings pairings;
  private final StreamSessions sessions;
  private final AccessWatch accessWatch;
  private final Switchboard switchboard;
  private final Devices devices;
  private final Inbox inbox;
  private final CameraAdoption cameraAdoption;
  private final CameraFollowing cameraFollowing;
  private final Recordings recordings;
  private final Announcements announcements = new Announcements();
  private final ConnectionLimits connections = new ConnectionLimits();
  private final io.hearth.runtime.ops.Operations operations;
  private final Settings settings;

  HubContext(
      io.vertx.core.Vertx vertx,
      HubConfig fileConfig,
      HubConfig config,
      Path dataDir,
      Home home,
      Database database,
      HubCertificates certificates,
      long startedAt) {
    this.vertx = vertx;
    this.config = config;
    this.dataDir = dataDir;
    this.home = home;
    this.database = database;
    this.certificates = certificates;
    this.startedAt = startedAt;
    this.operations = new io.hearth.runtime.ops.Operations(database);
    this.egress = new Egress(vertx, EgressSettings.allowedHosts(config));
    this.mediaSources = new MediaSources(egress);
    this.members = new MemberStore(database);
    this.tokens = new TokenService(database);
    this.signins = new io.hearth.runtime.security.Signins(database);
    this.credentials = new io.hearth.runtime.security.Credentials(database);
    this.grants = new GrantStore(database);
    this.restreams = new RestreamStore(database);
    this.access = new Access(grants, restreams);
    this.audit = new AuditLog(database);
    this.cameras = new CameraStore(database);
    this.displays = new DisplayStore(database);
    this.pairings = new Pairings(displays);
    this.switchboard = new Switchboard(vertx, mediaSources, StreamSettings.options(config));
    this.accessWatch = new AccessWatch(vertx, database, tokens);
    this.sessions =
        new StreamSessions(
            accessWatch,
            access,
            audit,
            switchboard,
            config.get(RuntimeSettings.STREAM_TICKET_SECONDS) * 1000L);
    EventStore events =
        new EventStore(
            vertx,
            database,
            config.get(RuntimeSettings.EVENTS_RETENTION_DAYS),
            config.get(RuntimeSettings.EVENTS_MAX_ROWS));
    this.devices = new Devices(database, events, access);
    this.inbox = new Inbox(vertx, database);
    this.cameraAdoption = new CameraAdoption(cameras, mediaSources);
    this.cameraFollowing = new CameraFollowing(inbox, cameras, mediaSources, switchboard);
    inbox.registerFallbackAdopter(cameraAdoption);
    this.recordings =
        new Recordings(vertx, database, dataDir, switchboard, cameras, devices, audit, config);
    this.settings = new Settings(fileConfig, config, new SettingStore(database));
    applyAtOnce(events);
  }

  /** The owner's changes the running hub takes at once: how long events and recordings stay. */
  private void applyAtOnce(EventStore events) {
    settings.onChange(
        RuntimeSettings.EVENTS_RETENTION_DAYS,
        live -> events.retain(live.get(RuntimeSettings.EVENTS_RETENTION_DAYS)));
    settings.onChange(RecordingSettings.RETENTION_DAYS, recordings::retain);
    settings.onChange(RecordingSettings.DISK_PERCENT, recordings::retain);
  }

  /** The settings the owner may change in the app, layered over the configuration file. */
  public Settings settings() {
    return settings;
  }

  /**
   * The egress ledger: ask it before connecting anywhere; outside the home network only what the
   * owner allowed (or the relay declared) passes, and it is recorded.
   */
  public Egress egress() {
    return egress;
  }

  /** The limits and counters of every listener the modules open (health shows them). */
  public ConnectionLimits connections() {
    return connections;
  }

  public io.vertx.core.Vertx vertx() {
    return vertx;
  }

  public HubConfig config() {
    return config;
  }

  public <T> T config(ConfigKey<T> key) {
    return config.get(key);
  }

  public Path dataDir() {
    return dataDir;
  }

  public Home home() {
    return home;
  }

  /** The context {@code module} starts with: this one, with a store of that module's tables. */
  public ModuleContext forModule(String module) {
    return new ModuleView(this, database.forModule(module));
  }

  /** Modules running, the store's probe and timings (health, {@code /metrics}). */
  public io.hearth.runtime.ops.Operations operations() {
    return operations;
  }

  public Database database() {
    return database;
  }

  public HubCertificates certificates() {
    return certificates;
  }

  public MemberStore members() {
    return members;
  }

  public TokenService tokens() {
    return tokens;
  }

  public io.hearth.runtime.security.Signins signins() {
    return signins;
  }

  public io.hearth.runtime.security.Credentials credentials() {
    return credentials;
  }

  public RestreamStore restreams() {
    return restreams;
  }

  public GrantStore grants() {
    return grants;
  }

  public Access access() {
    return access;
  }

  public AuditLog audit() {
    return audit;
  }

  public CameraStore cameras() {
    return cameras;
  }

  public DisplayStore displays() {
    return displays;
  }

  public Pairings pairings() {
    return pairings;
  }

  /**
   * The one mechanism that keeps every long-lived consumer (stream, feed, broker session, snapshot)
   * delivering only while its holder's access is current.
   */
  public AccessWatch accessWatch() {
    return accessWatch;
  }

  /** Open stream sessions, re-authorised continuously. */
  public StreamSessions sessions() {
    return sessions;
  }

  /** One upstream per watched camera, fanned out to viewers. */
  public Switchboard switchboard() {
    return switchboard;
  }

  /** Sensors and actuators, their state, history and commands. */
  public Devices devices() {
    return devices;
  }

  /** What discovery found, waiting for the owner to adopt or ignore it. */
  public Inbox inbox() {
    return inbox;
  }

  /** Creates cameras from discovered URLs and follows adopted cameras to new addresses. */
  public CameraAdoption cameraAdoption() {
    return cameraAdoption;
  }

  /** Recorded segments of cameras, their encryption at rest and retention. */
  public Recordings recordings() {
    return recordings;
  }

  /** Moves of adopted cameras: followed only when proven or confirmed by the owner. */
  public CameraFollowing cameraFollowing() {
    return cameraFollowing;
  }

  /** What the hub offers on the network (its API, say), for discovery modules to advertise. */
  public Announcements announcements() {
    return announcements;
  }

  /** The camera adapters; adapter modules register theirs at start. */
  public MediaSources mediaSources() {
    return mediaSources;
  }

  /** Milliseconds since the epoch when this process's hub started. */
  public long startedAt() {
    return startedAt;
  }

  public String version() {
    return Version.current();
  }

  /** A module reports the port it actually bound for a port key (useful when configured 0). */
  public void reportPort(ConfigKey<Integer> key, int port) {
    ports.put(key.name(), port);
  }

  /** The ports bound so far, keyed by their configuration keys. */
  public Map<String, Integer> ports() {
    return Map.copyOf(ports);
  }
}
