package io.hearth.runtime.discovery;

import io.hearth.runtime.error.HubException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who adopts which inbox entries: one {@link Adopter} per protocol, and a fallback for entries no
 * protocol claims (a camera announcing its stream URL, say). A device found by one protocol may be
 * adopted through another's adapter (a CoAP sensor announced over mDNS is adopted by the CoAP
 * adapter): its sighting names that protocol in {@link Inbox#ADOPT_WITH}.
 */
final class Adopters {
  private final Map<String, Adopter> byProtocol = new ConcurrentHashMap<>();
  private volatile Adopter fallback;

  void register(String protocol, Adopter adopter) {
    byProtocol.put(protocol, adopter);
  }

  void fallback(Adopter adopter) {
    this.fallback = adopter;
  }

  /** The adopter of {@code entry}; fails with 422 if the hub cannot adopt it. */
  Adopter of(Discovered entry) {
    Adopter adopter =
        byProtocol.get(entry.sighting().details().getOrDefault(Inbox.ADOPT_WITH, entry.protocol()));
    if (adopter == null) {
      adopter = fallback;
    }
    if (!entry.sighting().adoptable() || adopter == null) {
      throw new HubException(
          422,
          "not_adoptable",
          entry.sighting().name()
              + " ("
              + entry.protocol()
              + ") is listed for information only: Hearth has no adapter for it");
    }
    return adopter;
  }
}
