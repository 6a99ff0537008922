package io.hearth.runtime;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.spi.HubModule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The visible list of modules: every {@link HubModule} on the class path, found with {@link
 * ServiceLoader}, each with its {@code <name>.enabled} key and its own section of keys.
 */
public final class ModuleCatalog {
  private final List<HubModule> modules;
  private final Map<String, ConfigKey<Boolean>> enabledKeys = new LinkedHashMap<>();

  public ModuleCatalog(List<HubModule> modules) {
    List<HubModule> sorted = new ArrayList<>(modules);
    sorted.sort(Comparator.comparingInt(HubModule::startOrder).thenComparing(HubModule::name));
    this.modules = List.copyOf(sorted);
    for (HubModule module : this.modules) {
      validate(module);
      enabledKeys.put(
          module.name(),
          ConfigKey.bool(
              module.name() + ".enabled",
              "Run the " + module.name() + " module: " + module.description(),
              module.enabledByDefault()));
    }
  }

  /** Every module the class path provides. */
  public static ModuleCatalog discover() {
    List<HubModule> found = new ArrayList<>();
    ServiceLoader.load(HubModule.class).forEach(found::add);
    return new ModuleCatalog(found);
  }

  public List<HubModule> all() {
    return modules;
  }

  public List<HubModule> enabled(HubConfig config) {
    return modules.stream().filter(m -> config.get(enabledKeys.get(m.name()))).toList();
  }

  /** What {@code hearth demo} sets, from every module. */
  public List<String> demoSettings() {
    List<String> settings = new ArrayList<>();
    // A demo never multicasts on a real network: discovery stays on loopback unless asked.
    settings.add(io.hearth.runtime.discovery.DiscoveryInterfaces.INTERFACES.name() + "=loopback");
    modules.forEach(m -> settings.addAll(m.demoSettings()));
    return settings;
  }

  /** The runtime's keys and every module's, for the configuration loader. */
  public List<ConfigKey<?>> configKeys() {
    List<ConfigKey<?>> keys = new ArrayList<>(RuntimeSettings.keys());
    for (HubModule module : modules) {
      keys.add(enabledKeys.get(module.name()));
      keys.addAll(module.configKeys());
    }
    return keys;
  }

  private void validate(HubModule module) {
    if (!module.name().matches("[a-z][a-z0-9-]*") || module.name().equals("hub")) {
      throw new IllegalStateException(
          "bad module name '" + module.name() + "' from " + module.getClass().getName());
    }
    if (enabledKeys.containsKey(module.name())) {
      throw new IllegalStateException("two modules are named " + module.name());
    }
    for (ConfigKey<?> key : module.configKeys()) {
      if (!key.section().equals(module.name())) {
        throw new IllegalStateException(
            "module " + module.name() + " declares key " + key.name() + " outside its own section");
      }
    }
  }
}
