package io.hearth.runtime.discovery;

import io.hearth.runtime.domain.Home;
import io.hearth.runtime.security.HubCertificates;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the hub offers on the network, for advertisers to publish: modules that bind a port announce
 * it here when they have bound ({@link #announce}), and discovery modules follow the list ({@link
 * #follow}) whenever it changes, whichever of them starts first. One announcement per service type.
 */
public final class Announcements {
  /** The service type displays browse for to find the hub. */
  public static final String HUB_TYPE = "_hearth._tcp";

  private final Map<String, ServiceAnnouncement> byKey = new ConcurrentHashMap<>();
  private final List<Consumer<List<ServiceAnnouncement>>> followers = new CopyOnWriteArrayList<>();

  /**
   * Adds or replaces the announcement of its type and name; followers hear of it at once. Several
   * instances of one type (two simulated cameras, say) are announced side by side.
   */
  public void announce(ServiceAnnouncement announcement) {
    byKey.put(announcement.type() + "\n" + announcement.name(), announcement);
    changed();
  }

  /** Stops announcing every instance of {@code type}. */
  public void withdraw(String type) {
    if (byKey.values().removeIf(a -> a.type().equals(type))) {
      changed();
    }
  }

  /** What is announced now. */
  public List<ServiceAnnouncement> current() {
    return byKey.values().stream()
        .sorted(
            java.util.Comparator.comparing(ServiceAnnouncement::type)
                .thenComparing(ServiceAnnouncement::name))
        .toList();
  }

  /**
   * Calls {@code follower} with the current list now and again after every change (on the thread
   * that made it); the returned handle stops it.
   */
  public Runnable follow(Consumer<List<ServiceAnnouncement>> follower) {
    followers.add(follower);
    follower.accept(current());
    return () -> followers.remove(follower);
  }

  private void changed() {
    List<ServiceAnnouncement> now = current();
    followers.forEach(f -> f.accept(now));
  }

  /**
   * The hub's own announcement: its API's HTTPS port, its id, its version and the SHA-256
   * fingerprint of its TLS certificate (what a display pins), all public facts.
   */
  public static ServiceAnnouncement hub(
      Home home, String version, HubCertificates certificates, int apiPort) {
    try {
      return new ServiceAnnouncement(
          HUB_TYPE,
          "Hearth " + home.id(),
          apiPort,
          Map.of(
              "version", version,
              "hub_id", home.id(),
              "api_port", Integer.toString(apiPort),
              "fp", certificates.fingerprint()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot read the hub's TLS certificate to announce its fingerprint: " + e.getMessage(),
          e);
    }
  }
}
