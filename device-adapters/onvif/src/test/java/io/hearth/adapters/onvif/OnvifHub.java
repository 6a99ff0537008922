package io.hearth.adapters.onvif;

import io.hearth.adapters.rtsp.RtspModule;
import io.hearth.runtime.Hub;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.TestHubs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A real hub in this JVM with the ONVIF and RTSP modules, discovering only on one test network's
 * interface, its data in a temporary directory.
 */
final class OnvifHub implements AutoCloseable {
  static final Principal OWNER =
      new Principal(PrincipalKind.MEMBER, "mem_owner", "Owner", Role.OWNER, "tok_owner");

  final Hub hub;
  final OnvifModule module = new OnvifModule();

  OnvifHub(Path dir, String networkInterface, String... overrides) {
    hub =
        TestHubs.builder()
            .module(module, new RtspModule())
            .dataDir(dir.resolve("data"))
            .set("discovery.interfaces", networkInterface)
            .overrides(overrides)
            .start()
            .hub();
  }

  Inbox inbox() {
    return hub.context().inbox();
  }

  /** The inbox entry of {@code identity}, waiting up to {@code ms} for it to satisfy {@code ok}. */
  Discovered awaitEntry(String identity, long ms, java.util.function.Predicate<Discovered> ok) {
    try {
      return Eventually.value(
          Duration.ofMillis(ms),
          "an inbox entry for " + identity + " as expected",
          () -> entry(identity, ok).orElse(null));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + inbox().list(true));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private Optional<Discovered> entry(String identity, java.util.function.Predicate<Discovered> ok) {
    return inbox().list(true).stream()
        .filter(d -> d.sighting().identity().equals(identity))
        .filter(ok)
        .findFirst();
  }

  static void eventually(BooleanSupplier condition, long ms, String what) {
    try {
      Eventually.within(Duration.ofMillis(ms), what, condition);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    hub.stop();
  }
}
