package io.hearth.adapters.coap;

import io.hearth.runtime.Hub;
import io.hearth.runtime.testing.TestHubs;
import java.nio.file.Path;

/** A real hub with only the CoAP module, its data in a temporary directory. */
final class TestHub implements AutoCloseable {
  final Hub hub;
  final CoapModule module = new CoapModule();

  TestHub(Path dir, String... overrides) {
    hub =
        TestHubs.builder()
            .module(module)
            .dataDir(dir.resolve("data"))
            .overrides(overrides)
            .start()
            .hub();
  }

  CoapDevices devices() {
    return module.devices();
  }

  @Override
  public void close() {
    hub.stop();
  }
}
