package io.hearth.adapters.mdns;

import io.hearth.adapters.mdns.participant.ServiceRecord;
import io.hearth.runtime.discovery.ServiceAnnouncement;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * The hub's mDNS, behind an interface of ours so the library can change: browses service types by
 * listening (resolved services arrive as they are announced, never by waiting for a list) and
 * advertises the hub's own services. Callbacks come on the library's threads.
 */
public interface MdnsLink {
  /** Follows {@code type}; call before {@link #start()}. */
  void browse(String type, Consumer<ServiceRecord> resolved);

  /** Opens mDNS on the chosen interfaces; never blocks the caller. */
  Future<Void> start();

  /** Replaces what is advertised, on every interface. */
  void advertise(List<ServiceAnnouncement> announcements);

  /** Says goodbye and closes, off the caller's thread. */
  Future<Void> close();
}
