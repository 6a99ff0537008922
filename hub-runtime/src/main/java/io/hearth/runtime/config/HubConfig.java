package io.hearth.runtime.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effective configuration: every known key with the value that won (default, then file, then
 * environment, then {@code --set}), and where it came from. Immutable once built.
 */
public final class HubConfig {
  private final Map<String, ConfigKey<?>> keys;
  private final Map<String, Object> values;
  private final Map<String, String> origins;

  HubConfig(
      Map<String, ConfigKey<?>> keys, Map<String, Object> values, Map<String, String> origins) {
    this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
  }

  /** The value of a key, or its default. */
  public <T> T get(ConfigKey<T> key) {
    if (!keys.containsKey(key.name())) {
      throw new IllegalArgumentException("configuration key not registered: " + key.name());
    }
    @SuppressWarnings("unchecked")
    T value = (T) values.getOrDefault(key.name(), key.defaultValue());
    return value;
  }

  /** Where the value of a key came from: default, a file and line, an environment variable. */
  public String origin(ConfigKey<?> key) {
    return origins.getOrDefault(key.name(), "default");
  }

  public Collection<ConfigKey<?>> keys() {
    return keys.values();
  }

  /** A copy with one more value, as if set by {@code --set}. */
  public <T> HubConfig with(ConfigKey<T> key, T value) {
    return with(key, value, "program");
  }

  /** A copy with one more value, from {@code origin} (say, the owner's change in the app). */
  public <T> HubConfig with(ConfigKey<T> key, T value, String origin) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(key.name(), value);
    Map<String, String> from = new LinkedHashMap<>(origins);
    from.put(key.name(), origin);
    return new HubConfig(keys, copy, from);
  }

  /** A registered key by its full name, or null. */
  public ConfigKey<?> key(String name) {
    return keys.get(name);
  }
}
