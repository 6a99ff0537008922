package io.hearth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.error.ExitCode;
import io.hearth.runtime.error.HubStartException;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.store.SecureFiles;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HubTest {
  @TempDir Path dir;

  /** A module that records its lifecycle and reports a port. */
  static class Recorder implements HubModule {
    static final ConfigKey<Integer> PORT = ConfigKey.port("recorder.port", "A port.", 0);
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();

    @Override
    public String name() {
      return "recorder";
    }

    @Override
    public String description() {
      return "records";
    }

    @Override
    public List<ConfigKey<?>> configKeys() {
      return List.of(PORT);
    }

    @Override
    public Future<Void> start(ModuleContext context) {
      starts.incrementAndGet();
      context.reportPort(PORT, 4242);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
      stops.incrementAndGet();
      return Future.succeededFuture();
    }
  }

  @Test
  void aDemoKeepsDiscoveryOnLoopbackWhateverModulesArePresent() {
    List<String> settings = new ModuleCatalog(List.of()).demoSettings();
    assertTrue(settings.contains("discovery.interfaces=loopback"), settings.toString());
    HubConfig config =
        new ConfigLoader(new ModuleCatalog(List.of()).configKeys()).overrides(settings).build();
    assertEquals(
        "loopback", config.get(io.hearth.runtime.discovery.DiscoveryInterfaces.INTERFACES));
  }

  @Test
  void firstStartMakesThePrivateDataDirectoryOwnerTokenAndPorts() throws Exception {
    Recorder recorder = new Recorder();
    ModuleCatalog catalog = new ModuleCatalog(List.of(recorder));
    Path data = dir.resolve("data");
    Hub hub = Hub.start(config(catalog, data), catalog);
    String token = Files.readString(data.resolve("owner.token")).trim();
    hub.stop();
    hub.stop();

    assertEquals(1, recorder.starts.get());
    assertEquals(1, recorder.stops.get(), "stop must be idempotent");
    assertEquals(SecureFiles.OWNER_ONLY_DIR, Files.getPosixFilePermissions(data));
    assertEquals(
        SecureFiles.OWNER_ONLY_FILE, Files.getPosixFilePermissions(data.resolve("owner.token")));
    assertTrue(token.startsWith("hth_"));
    assertEquals(
        4242,
        new JsonObject(Files.readString(data.resolve("ports.json"))).getInteger("recorder.port"));

    Hub again = Hub.start(config(catalog, data), catalog);
    again.stop();
    assertEquals(
        token,
        Files.readString(data.resolve("owner.token")).trim(),
        "the owner token is written once, at first start");
  }

  @Test
  void aDisabledModuleDoesNotStart() {
    Recorder recorder = new Recorder();
    ModuleCatalog catalog = new ModuleCatalog(List.of(recorder));
    HubConfig config =
        new ConfigLoader(catalog.configKeys())
            .overrides(List.of("hub.data-dir=" + dir.resolve("d"), "recorder.enabled=false"))
            .build();
    Hub.start(config, catalog).stop();
    assertEquals(0, recorder.starts.get());
  }

  @Test
  void anUnusableDataDirectoryIsAnEnvironmentError() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    ModuleCatalog catalog = new ModuleCatalog(List.of());
    HubStartException e =
        assertThrows(
            HubStartException.class,
            () -> Hub.start(config(catalog, file.resolve("data")), catalog));
    assertEquals(ExitCode.ENVIRONMENT, e.exitCode());
    assertTrue(e.getMessage().contains("--data"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void aModuleThatFailsToStartStopsTheOthersAndSaysWhich() {
    Recorder recorder = new Recorder();
    HubModule broken =
        new Recorder() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public List<ConfigKey<?>> configKeys() {
            return List.of();
          }

          @Override
          public int startOrder() {
            return 200;
          }

          @Override
          public Future<Void> start(ModuleContext context) {
            return Future.failedFuture(new IllegalStateException("no camera today"));
          }
        };
    ModuleCatalog catalog = new ModuleCatalog(List.of(recorder, broken));
    HubStartException e =
        assertThrows(
            HubStartException.class, () -> Hub.start(config(catalog, dir.resolve("d")), catalog));
    assertTrue(
        e.getMessage().contains("broken") && e.getMessage().contains("no camera today"),
        e.getMessage());
    assertEquals(1, recorder.stops.get());
  }

  static HubConfig config(ModuleCatalog catalog, Path data) {
    return new ConfigLoader(catalog.configKeys())
        .overrides(List.of("hub.data-dir=" + data))
        .build();
  }
}
