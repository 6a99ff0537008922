package io.hearth.runtime.store;

import java.util.List;

/**
 * A module's own tables: SQL scripts kept next to the module's code (resources {@code
 * migrations/<script>} in {@code anchor}'s package), applied in order before the module starts,
 * each once. The hub keeps how many of a module's scripts ran (table {@code module_schema}), as it
 * does for its own in {@code PRAGMA user_version}. Never edit a released script; add the next.
 *
 * @param anchor a class of the module; its package holds the {@code migrations/} folder
 * @param scripts file names in the order they apply, e.g. {@code 001-mqtt-broker.sql}
 */
public record ModuleSchema(Class<?> anchor, List<String> scripts) {
  /** A module with no tables of its own. */
  public static final ModuleSchema NONE = new ModuleSchema(ModuleSchema.class, List.of());

  public ModuleSchema {
    scripts = List.copyOf(scripts);
  }

  /** The scripts of {@code anchor}'s package, in order. */
  public static ModuleSchema of(Class<?> anchor, String... scripts) {
    return new ModuleSchema(anchor, List.of(scripts));
  }
}
