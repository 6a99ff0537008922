package io.hearth.runtime;

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
import io.hearth.runtime.spi.ModuleContext;
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

/** One module's context: the hub's, with a store limited to that module's own tables. */
final class ModuleView implements ModuleContext {
  private final HubContext hub;
  private final ModuleStore store;

  ModuleView(HubContext hub, ModuleStore store) {
    this.hub = hub;
    this.store = store;
  }

  @Override
  public Recordings recordings() {
    return hub.recordings();
  }

  @Override
  public io.hearth.runtime.settings.Settings settings() {
    return hub.settings();
  }

  @Override
  public io.hearth.runtime.ops.Operations operations() {
    return hub.operations();
  }

  @Override
  public ModuleStore store() {
    return store;
  }

  @Override
  public Egress egress() {
    return hub.egress();
  }

  @Override
  public ConnectionLimits connections() {
    return hub.connections();
  }

  @Override
  public io.vertx.core.Vertx vertx() {
    return hub.vertx();
  }

  @Override
  public HubConfig config() {
    return hub.config();
  }

  @Override
  public <T> T config(ConfigKey<T> key) {
    return hub.config(key);
  }

  @Override
  public Path dataDir() {
    return hub.dataDir();
  }

  @Override
  public Home home() {
    return hub.home();
  }

  @Override
  public HubCertificates certificates() {
    return hub.certificates();
  }

  @Override
  public MemberStore members() {
    return hub.members();
  }

  @Override
  public TokenService tokens() {
    return hub.tokens();
  }

  @Override
  public io.hearth.runtime.security.Signins signins() {
    return hub.signins();
  }

  @Override
  public io.hearth.runtime.security.Credentials credentials() {
    return hub.credentials();
  }

  @Override
  public GrantStore grants() {
    return hub.grants();
  }

  @Override
  public RestreamStore restreams() {
    return hub.restreams();
  }

  @Override
  public Access access() {
    return hub.access();
  }

  @Override
  public AuditLog audit() {
    return hub.audit();
  }

  @Override
  public CameraStore cameras() {
    return hub.cameras();
  }

  @Override
  public DisplayStore displays() {
    return hub.displays();
  }

  @Override
  public Pairings pairings() {
    return hub.pairings();
  }

  @Override
  public AccessWatch accessWatch() {
    return hub.accessWatch();
  }

  @Override
  public StreamSessions sessions() {
    return hub.sessions();
  }

  @Override
  public Switchboard switchboard() {
    return hub.switchboard();
  }

  @Override
  public Devices devices() {
    return hub.devices();
  }

  @Override
  public Inbox inbox() {
    return hub.inbox();
  }

  @Override
  public CameraAdoption cameraAdoption() {
    return hub.cameraAdoption();
  }

  @Override
  public CameraFollowing cameraFollowing() {
    return hub.cameraFollowing();
  }

  @Override
  public Announcements announcements() {
    return hub.announcements();
  }

  @Override
  public MediaSources mediaSources() {
    return hub.mediaSources();
  }

  @Override
  public long startedAt() {
    return hub.startedAt();
  }

  @Override
  public String version() {
    return hub.version();
  }

  @Override
  public void reportPort(ConfigKey<Integer> key, int port) {
    hub.reportPort(key, port);
  }

  @Override
  public Map<String, Integer> ports() {
    return hub.ports();
  }
}
