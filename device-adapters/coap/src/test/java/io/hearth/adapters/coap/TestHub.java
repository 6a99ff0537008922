package io.hearth.adapters.coap;

import io.hearth.runtime.Hub;
import io.hearth.runtime.ModuleCatalog;
import io.hearth.runtime.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real hub with only the CoAP module, its data in a temporary directory. */
final class TestHub implements AutoCloseable {
  final Hub hub;
  final CoapModule module = new CoapModule();

  TestHub(Path dir, String... overrides) {
    ModuleCatalog catalog = new ModuleCatalog(List.of(module));
    List<String> all = new ArrayList<>(List.of("hub.data-dir=" + dir.resolve("data")));
    all.addAll(List.of(overrides));
    hub = Hub.start(new ConfigLoader(catalog.configKeys()).overrides(all).build(), catalog);
  }

  CoapDevices devices() {
    return module.devices();
  }

  @Override
  public void close() {
    hub.stop();
  }
}
