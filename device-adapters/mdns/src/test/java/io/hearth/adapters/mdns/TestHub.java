package io.hearth.adapters.mdns;

import io.hearth.runtime.Hub;
import io.hearth.runtime.ModuleCatalog;
import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.spi.HubModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** A real hub with only the mDNS module, discovering on one test interface. */
public final class TestHub implements AutoCloseable {
  public final Hub hub;
  final MdnsModule module = new MdnsModule();

  public TestHub(Path dir, String iface, String... overrides) {
    this(dir, iface, List.of(), overrides);
  }

  /** A hub with {@code others} beside the mDNS module (the RTSP adapter, say). */
  public TestHub(Path dir, String iface, List<HubModule> others, String... overrides) {
    List<HubModule> modules = new ArrayList<>(List.of(module));
    modules.addAll(others);
    ModuleCatalog catalog = new ModuleCatalog(modules);
    List<String> all =
        new ArrayList<>(
            List.of("hub.data-dir=" + dir.resolve("data"), "discovery.interfaces=" + iface));
    all.addAll(List.of(overrides));
    hub = Hub.start(new ConfigLoader(catalog.configKeys()).overrides(all).build(), catalog);
  }

  /** Polls the inbox until an entry matches, or {@code timeoutMs} passes. */
  public Optional<Discovered> await(Predicate<Discovered> wanted, long timeoutMs)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    do {
      Optional<Discovered> hit =
          hub.context().inbox().list(true).stream().filter(wanted).findFirst();
      if (hit.isPresent()) {
        return hit;
      }
      Thread.sleep(5);
    } while (System.nanoTime() < deadline);
    return Optional.empty();
  }

  @Override
  public void close() {
    hub.stop();
  }
}
