package io.hearth.adapters.onvif;

import static org.junit.jupiter.api.Assertions.fail;

import io.hearth.adapters.rtsp.RtspModule;
import io.hearth.runtime.Hub;
import io.hearth.runtime.ModuleCatalog;
import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    ModuleCatalog catalog = new ModuleCatalog(List.of(module, new RtspModule()));
    List<String> all =
        new ArrayList<>(
            List.of(
                "hub.data-dir=" + dir.resolve("data"), "discovery.interfaces=" + networkInterface));
    all.addAll(List.of(overrides));
    hub = Hub.start(new ConfigLoader(catalog.configKeys()).overrides(all).build(), catalog);
  }

  Inbox inbox() {
    return hub.context().inbox();
  }

  /** The inbox entry of {@code identity}, waiting up to {@code ms} for it to satisfy {@code ok}. */
  Discovered awaitEntry(String identity, long ms, java.util.function.Predicate<Discovered> ok) {
    long deadline = System.nanoTime() + ms * 1_000_000;
    while (true) {
      Optional<Discovered> entry =
          inbox().list(true).stream()
              .filter(d -> d.sighting().identity().equals(identity))
              .filter(ok)
              .findFirst();
      if (entry.isPresent()) {
        return entry.get();
      }
      if (System.nanoTime() > deadline) {
        fail(
            "no inbox entry for "
                + identity
                + " as expected within "
                + ms
                + " ms: "
                + inbox().list(true));
      }
      pause();
    }
  }

  static void eventually(BooleanSupplier condition, long ms, String what) {
    long deadline = System.nanoTime() + ms * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + ms + " ms waiting until " + what);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
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
