package io.hearth.runtime.spi;

import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.discovery.Announcements;
import io.hearth.runtime.discovery.CameraAdoption;
import io.hearth.runtime.discovery.CameraFollowing;
import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.domain.Home;
import io.hearth.runtime.net.ConnectionLimits;
import io.hearth.runtime.net.egress.Egress;
import io.hearth.runtime.recording.Recordings;
import io.hearth.runtime.security.Access;
import io.hearth.runtime.security.AccessWatch;
import io.hearth.runtime.security.HubCertificates;
import io.hearth.runtime.security.Pairings;
import io.hearth.runtime.security.TokenService;
import io.hearth.runtime.session.StreamSessions;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.CameraStore;
import io.hearth.runtime.store.DisplayStore;
import io.hearth.runtime.store.GrantStore;
import io.hearth.runtime.store.MemberStore;
import io.hearth.runtime.store.ModuleStore;
import io.hearth.runtime.store.RestreamStore;
import io.hearth.runtime.stream.Switchboard;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a module sees of the hub: Vert.x, its configuration, the repositories and services it works
 * through, and a store limited to the module's own tables ({@link #store()}). Each module gets its
 * own context from the hub; none of it is a cached copy, everything reads the current state. The
 * hub's wiring and its database stay behind this interface.
 */
public interface ModuleContext {
  /**
   * The egress ledger: ask it before connecting anywhere; outside the home network only what the
   * owner allowed (or the relay declared) passes, and it is recorded.
   */
  Egress egress();

  /** The limits and counters of every listener the modules open (health shows them). */
  ConnectionLimits connections();

  io.vertx.core.Vertx vertx();

  HubConfig config();

  <T> T config(ConfigKey<T> key);

  Path dataDir();

  Home home();

  HubCertificates certificates();

  MemberStore members();

  TokenService tokens();

  /** People's sign-ins (cookie sessions), resolved against the store on every request. */
  io.hearth.runtime.security.Signins signins();

  /** People's passwords (as hashes) and passkeys. */
  io.hearth.runtime.security.Credentials credentials();

  GrantStore grants();

  /** Which cameras are re-streamed (RTSP for local tools), and the credentials to read them. */
  RestreamStore restreams();

  Access access();

  AuditLog audit();

  CameraStore cameras();

  DisplayStore displays();

  Pairings pairings();

  /**
   * The one mechanism that keeps every long-lived consumer (stream, feed, broker session, snapshot)
   * delivering only while its holder's access is current.
   */
  AccessWatch accessWatch();

  /** Open stream sessions, re-authorised continuously. */
  StreamSessions sessions();

  /** One upstream per watched camera, fanned out to viewers. */
  Switchboard switchboard();

  /** Sensors and actuators, their state, history and commands. */
  Devices devices();

  /** What discovery found, waiting for the owner to adopt or ignore it. */
  Inbox inbox();

  /** Creates cameras from discovered URLs and follows adopted cameras to new addresses. */
  CameraAdoption cameraAdoption();

  /** Recorded segments of cameras, their encryption at rest and retention. */
  Recordings recordings();

  /** Moves of adopted cameras: followed only when proven or confirmed by the owner. */
  CameraFollowing cameraFollowing();

  /** What the hub offers on the network (its API, say), for discovery modules to advertise. */
  Announcements announcements();

  /** The camera adapters; adapter modules register theirs at start. */
  MediaSources mediaSources();

  /** Milliseconds since the epoch when this process's hub started. */
  long startedAt();

  String version();

  /** A module reports the port it actually bound for a port key (useful when configured 0). */
  void reportPort(ConfigKey<Integer> key, int port);

  /** The ports bound so far, keyed by their configuration keys. */
  Map<String, Integer> ports();

  /** The settings the owner may change in the app, layered over the configuration file. */
  io.hearth.runtime.settings.Settings settings();

  /** Which modules run, whether the store answers and how fast (health and metrics). */
  io.hearth.runtime.ops.Operations operations();

  /** The store as this module may use it: its own tables ({@code HubModule.schema()}) only. */
  ModuleStore store();
}
