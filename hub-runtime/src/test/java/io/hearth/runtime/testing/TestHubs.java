package io.hearth.runtime.testing;

import io.hearth.runtime.Hub;
import io.hearth.runtime.ModuleCatalog;
import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.spi.HubModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way tests start a real hub in their own JVM: the modules they want, settings as overrides
 * (the same {@code key=value} form an operator writes), and a data directory. Module tests keep at
 * most a thin adapter over it for what is really theirs (a module's own accessor).
 *
 * <pre>{@code
 * try (TestHubs.Running hub = TestHubs.builder().module(m).dataDir(dir).set("k", v).start()) { }
 * }</pre>
 */
public final class TestHubs {
  private TestHubs() {}

  public static Builder builder() {
    return new Builder();
  }

  /** The modules, settings and data directory of a hub not started yet. */
  public static final class Builder {
    private final List<HubModule> modules = new ArrayList<>();
    private final List<String> overrides = new ArrayList<>();
    private Path dataDir;

    private Builder() {}

    public Builder module(HubModule... more) {
      modules.addAll(List.of(more));
      return this;
    }

    public Builder modules(List<? extends HubModule> more) {
      modules.addAll(more);
      return this;
    }

    /** Where the hub keeps its data ({@code hub.data-dir}); required. */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    public Builder set(String key, Object value) {
      overrides.add(key + "=" + value);
      return this;
    }

    /** Settings as {@code key=value} lines; later ones win over earlier ones. */
    public Builder overrides(String... lines) {
      overrides.addAll(List.of(lines));
      return this;
    }

    public Builder overrides(List<String> lines) {
      overrides.addAll(lines);
      return this;
    }

    /** The configuration the hub would start with (for tests of the configuration itself). */
    public HubConfig config() {
      return config(new ModuleCatalog(modules));
    }

    private HubConfig config(ModuleCatalog catalog) {
      if (dataDir == null) {
        throw new IllegalStateException("a test hub needs dataDir(...)");
      }
      List<String> all = new ArrayList<>(List.of("hub.data-dir=" + dataDir));
      all.addAll(overrides);
      return new ConfigLoader(catalog.configKeys()).overrides(all).build();
    }

    /** Starts the hub (blocking until it runs). */
    public Running start() {
      ModuleCatalog catalog = new ModuleCatalog(modules);
      return new Running(Hub.start(config(catalog), catalog), dataDir);
    }
  }

  /** A started hub; {@link #close()} stops it. */
  public record Running(Hub hub, Path dataDir) implements AutoCloseable {
    @Override
    public void close() {
      hub.stop();
    }
  }
}
