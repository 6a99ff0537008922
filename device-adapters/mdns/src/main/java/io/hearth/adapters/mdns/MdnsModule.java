package io.hearth.adapters.mdns;

import io.hearth.adapters.mdns.participant.MdnsParticipant;
import io.hearth.adapters.mdns.participant.Participants;
import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.discovery.DiscoveryInterfaces;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * mDNS discovery: browses the service types of its {@link MdnsParticipant}s (RTSP, ONVIF, CoAP,
 * MQTT, HTTP cameras and Shelly devices, HomeKit, and configured ones) into the discovery inbox as
 * they are announced, and advertises what the hub announces (the API as {@code _hearth._tcp}) on
 * the interfaces {@code discovery.interfaces} chooses.
 */
public final class MdnsModule implements HubModule {
  private MdnsLink link;
  private Runnable unfollow;

  @Override
  public String name() {
    return "mdns";
  }

  @Override
  public String description() {
    return "mDNS discovery of cameras, sensors and brokers, and the hub's _hearth._tcp advert";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return MdnsSettings.keys();
  }

  @Override
  public Future<Void> start(ModuleContext hub) {
    try {
      MdnsSettings settings = MdnsSettings.from(hub.config());
      DiscoveryInterfaces interfaces =
          DiscoveryInterfaces.of(hub.config(DiscoveryInterfaces.INTERFACES));
      JmdnsLink jmdns = new JmdnsLink(interfaces, hostName(hub), settings.pollIntervalMs());
      InboxReporter reporter = new InboxReporter(hub.vertx().getOrCreateContext(), hub.inbox());
      Map<String, MdnsParticipant> participants = Participants.all(settings.extraTypes());
      participants.forEach((type, p) -> jmdns.browse(type, s -> reporter.resolved(p, s)));
      link = jmdns;
      return link.start()
          .onSuccess(
              v -> {
                if (settings.advertise()) {
                  unfollow = hub.announcements().follow(link::advertise);
                }
              });
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> stop() {
    if (unfollow != null) {
      unfollow.run();
      unfollow = null;
    }
    MdnsLink closing = link;
    link = null;
    return closing == null ? Future.succeededFuture() : closing.close();
  }

  /** A DNS label from the hub's id, so two hubs on one network do not clash. */
  static String hostName(ModuleContext hub) {
    String id = hub.home().id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    String label = "hearth-" + id;
    return label.length() > 63 ? label.substring(0, 63) : label;
  }
}
