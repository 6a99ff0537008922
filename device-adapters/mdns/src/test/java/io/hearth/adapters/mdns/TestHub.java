package io.hearth.adapters.mdns;

import io.hearth.runtime.Hub;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.TestHubs;
import java.nio.file.Path;
import java.time.Duration;
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
    hub =
        TestHubs.builder()
            .module(module)
            .modules(others)
            .dataDir(dir.resolve("data"))
            .set("discovery.interfaces", iface)
            .overrides(overrides)
            .start()
            .hub();
  }

  /** Polls the inbox until an entry matches, or {@code timeoutMs} passes. */
  public Optional<Discovered> await(Predicate<Discovered> wanted, long timeoutMs)
      throws InterruptedException {
    try {
      return Optional.of(
          Eventually.value(
              Duration.ofMillis(timeoutMs),
              "an inbox entry",
              () ->
                  hub.context().inbox().list(true).stream()
                      .filter(wanted)
                      .findFirst()
                      .orElse(null)));
    } catch (AssertionError e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    hub.stop();
  }
}
