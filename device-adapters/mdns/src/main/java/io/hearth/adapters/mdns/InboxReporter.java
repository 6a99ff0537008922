package io.hearth.adapters.mdns;

import io.hearth.adapters.mdns.participant.MdnsParticipant;
import io.hearth.adapters.mdns.participant.ServiceRecord;
import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.discovery.Sighting;
import io.vertx.core.Context;
import java.net.Inet4Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Hands what participants make of resolved services to the inbox, on the hub's Vert.x context. A
 * service is heard on each interface and family, and the IPv6 instance may resolve only its IPv6
 * address: a recent IPv4 sighting of the same service is not overwritten by an IPv6-only one.
 */
final class InboxReporter {
  static final long PREFER_IPV4_MS = 5 * 60_000;
  private static final int MAX_REMEMBERED = 4096;

  private final Context context;
  private final Inbox inbox;
  private final Map<String, Long> ipv4SeenAt =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_REMEMBERED;
        }
      };

  private final Map<String, Boolean> withTxt =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX_REMEMBERED;
        }
      };

  InboxReporter(Context context, Inbox inbox) {
    this.context = context;
    this.inbox = inbox;
  }

  /** Called on mDNS threads. */
  void resolved(MdnsParticipant participant, ServiceRecord service) {
    Optional<Sighting> sighting = participant.sighting(service);
    if (sighting.isEmpty() || shadowedByIpv4(service) || missingItsTxt(service)) {
      return;
    }
    context.runOnContext(v -> inbox.report(sighting.get()));
  }

  /**
   * A service heard once with its TXT and then without it (another instance that has not read the
   * TXT yet) would otherwise get a second entry keyed by its instance name.
   */
  private synchronized boolean missingItsTxt(ServiceRecord service) {
    String instance = service.type() + "\n" + service.name();
    if (!service.txt().isEmpty()) {
      withTxt.put(instance, Boolean.TRUE);
      return false;
    }
    return withTxt.containsKey(instance);
  }

  private synchronized boolean shadowedByIpv4(ServiceRecord service) {
    long now = System.currentTimeMillis();
    String identity = service.identity();
    if (service.address().orElse(null) instanceof Inet4Address) {
      ipv4SeenAt.put(identity, now);
      return false;
    }
    Long seen = ipv4SeenAt.get(identity);
    return seen != null && now - seen < PREFER_IPV4_MS;
  }
}
