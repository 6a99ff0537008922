package io.hearth.runtime.spi;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.store.ModuleSchema;
import io.vertx.core.Future;
import java.util.List;

/**
 * Anything that plugs into the hub: an adapter family, the local API, the cloud bridge. Found with
 * {@link java.util.ServiceLoader}; its name is its configuration section, and {@code
 * <name>.enabled} switches it on or off. {@code start} and {@code stop} never block: they return
 * futures, and slow library calls go to worker threads.
 */
public interface HubModule {
  /** The configuration section and the name {@code hearth modules} shows: lowercase, no dots. */
  String name();

  /** One sentence for {@code hearth modules}. */
  String description();

  /** Whether the module runs when the configuration says nothing. */
  default boolean enabledByDefault() {
    return true;
  }

  /**
   * The local API's start order: modules before it adapt cameras and devices; from it on, modules
   * open the listeners that viewers reach. Between the two, the hub connects the cameras displays
   * watch.
   */
  int API_START_ORDER = 500;

  /** Modules start in ascending order and stop in reverse: adapters before the API. */
  default int startOrder() {
    return 100;
  }

  /** Every key of this module's section, each documented with its default. */
  default List<ConfigKey<?>> configKeys() {
    return List.of();
  }

  /**
   * Settings {@code hearth demo} applies for this module (before the file, the environment and
   * {@code --set}): a demo-only module enables itself here.
   */
  default List<String> demoSettings() {
    return List.of();
  }

  /**
   * The module's own tables, applied before {@link #start} (see {@link ModuleSchema}). A module
   * reads and writes only these through the store; the hub's tables are behind its repositories.
   */
  default ModuleSchema schema() {
    return ModuleSchema.NONE;
  }

  Future<Void> start(ModuleContext context);

  Future<Void> stop();
}
