package io.hearth.runtime.settings;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.store.SettingStore;
import io.hearth.runtime.store.SettingStore.Stored;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's settings ({@link OwnerSetting#ALL}) layered over the configuration file: the file
 * (and the defaults) give each value, a value the owner saved in the app overrides it, and a value
 * given by an environment variable or {@code --set} where the hub is started wins over both and
 * cannot be changed in the app. Values are read from the store on every call, never from a copy; a
 * change that applies at once reaches the parts that registered for it ({@link #onChange}).
 */
public final class Settings {
  /** The origin {@link HubConfig#origin} reports for a value the owner saved in the app. */
  public static final String FROM_APP = "the app";

  private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

  private final HubConfig file;
  private final HubConfig started;
  private final SettingStore store;
  private final Map<String, List<Consumer<HubConfig>>> appliers = new ConcurrentHashMap<>();
  private volatile HubConfig live;

  /**
   * @param file the configuration as the file, the environment and {@code --set} give it
   * @param started what the hub started with: {@code file} with the stored values over it
   */
  public Settings(HubConfig file, HubConfig started, SettingStore store) {
    this.file = file;
    this.started = started;
    this.live = started;
    this.store = store;
  }

  /** The file's configuration with the owner's stored values over it (at start). */
  public static HubConfig overlay(HubConfig file, Map<String, Stored> stored) {
    HubConfig result = file;
    for (Map.Entry<String, Stored> e : stored.entrySet()) {
      ConfigKey<?> key = ownerKey(file, e.getKey());
      if (key == null || locked(file, key)) {
        continue;
      }
      try {
        result = put(result, key, e.getValue().value());
      } catch (IllegalArgumentException bad) {
        LOG.warn(
            "setting {} saved in the app is ignored ({}); the file's value applies",
            key.name(),
            bad.getMessage());
      }
    }
    return result;
  }

  /** Calls {@code applier} with the new configuration whenever the owner changes {@code key}. */
  public void onChange(ConfigKey<?> key, Consumer<HubConfig> applier) {
    appliers.computeIfAbsent(key.name(), k -> new CopyOnWriteArrayList<>()).add(applier);
  }

  /** The configuration as it applies now: as started, with the changes that apply at once. */
  public HubConfig live() {
    return live;
  }

  /**
   * Every owner setting this hub has (modules that are not installed have none), as the API shows.
   */
  public Future<List<JsonObject>> list() {
    return store.all().map(this::views);
  }

  /**
   * Validates every change (all or none are saved), saves and audits them, applies those that apply
   * at once, and answers the settings as they are now. A JSON null returns a setting to the file's
   * value.
   */
  public Future<List<JsonObject>> change(Principal actor, JsonObject changes) {
    return store
        .all()
        .compose(
            current -> {
              List<SettingStore.Change> valid = validate(changes, current);
              return store.save(actor, valid).map(valid);
            })
        .map(
            valid -> {
              apply(valid);
              return null;
            })
        .compose(v -> list());
  }

  private List<SettingStore.Change> validate(JsonObject changes, Map<String, Stored> current) {
    if (changes.isEmpty()) {
      throw HubException.badRequest(
          "send at least one setting to change, for example {\"recording.retention-days\": 14}");
    }
    List<SettingStore.Change> valid = new ArrayList<>();
    SettingErrors errors = new SettingErrors(names());
    for (String name : changes.fieldNames()) {
      OwnerSetting setting = OwnerSetting.of(name);
      ConfigKey<?> key = ownerKey(file, name);
      if (key == null && setting != null && file.key(name) != null) {
        errors.unavailable(setting.label(), setting.requires());
      } else if (key == null) {
        errors.unknown(name);
      } else if (locked(file, key)) {
        errors.locked(setting.label(), file.origin(key));
      } else {
        String to = errors.text(setting.label(), key, changes.getValue(name));
        if (to != null || changes.getValue(name) == null) {
          valid.add(new SettingStore.Change(name, to, detail(setting, key, current, to)));
        }
      }
    }
    errors.throwIfAny();
    return valid;
  }

  private JsonObject detail(
      OwnerSetting setting, ConfigKey<?> key, Map<String, Stored> current, String to) {
    Stored now = current.get(key.name());
    String from = now != null ? now.value() : String.valueOf(file.get(key));
    return new JsonObject()
        .put("name", setting.label())
        .put("from", from)
        .put("to", to != null ? to : String.valueOf(file.get(key)))
        .put("source", to != null ? "app" : "file");
  }

  private synchronized void apply(List<SettingStore.Change> changes) {
    List<String> changed = new ArrayList<>();
    for (SettingStore.Change change : changes) {
      OwnerSetting setting = OwnerSetting.of(change.name());
      if (!setting.atOnce()) {
        continue;
      }
      ConfigKey<?> key = file.key(change.name());
      live =
          change.to() == null
              ? put(live, key, String.valueOf(file.get(key)), file.origin(key))
              : put(live, key, change.to());
      changed.add(change.name());
    }
    for (String name : changed) {
      appliers.getOrDefault(name, List.of()).forEach(a -> a.accept(live));
    }
  }

  private List<JsonObject> views(Map<String, Stored> stored) {
    List<JsonObject> views = new ArrayList<>();
    for (OwnerSetting setting : OwnerSetting.ALL) {
      ConfigKey<?> key = ownerKey(file, setting.name());
      if (key != null) {
        views.add(view(setting, key, stored.get(key.name())));
      }
    }
    return views;
  }

  private JsonObject view(OwnerSetting setting, ConfigKey<?> key, Stored stored) {
    boolean locked = locked(file, key);
    Object fromApp = locked || stored == null ? null : parsed(key, stored.value());
    Object value = fromApp != null ? fromApp : file.get(key);
    Object running = (setting.atOnce() ? live : started).get(key);
    JsonObject view =
        new JsonObject()
            .put("name", key.name())
            .put("label", setting.label())
            .put("description", key.description())
            .put("kind", key.kind())
            .put("value", value)
            .put("file_value", file.get(key))
            .put("source", fromApp != null ? "app" : source(file.origin(key)))
            .put("editable", !locked)
            .put("applies", setting.atOnce() ? "at_once" : "restart")
            .put("restart_required", !Objects.equals(value, running));
    if (key.min() != null) {
      view.put("min", key.min()).put("max", key.max());
    }
    if (fromApp != null) {
      view.put("changed_by", stored.changedBy())
          .put("changed_at", Instant.ofEpochMilli(stored.changedAt()).toString());
    }
    return view;
  }

  /** Where a value not from the app came from, as the API names it. */
  static String source(String origin) {
    if (origin.equals("default")) {
      return "default";
    }
    if (origin.startsWith("environment variable")) {
      return "environment";
    }
    if (origin.equals("--set") || origin.equals("program")) {
      return "command_line";
    }
    return "file";
  }

  /** Set where the hub is started (environment, command line): the app may not change it. */
  static boolean locked(HubConfig config, ConfigKey<?> key) {
    String source = source(config.origin(key));
    return source.equals("environment") || source.equals("command_line");
  }

  /** The key of an owner setting this hub has: its module installed (and on, if it must be). */
  private static ConfigKey<?> ownerKey(HubConfig config, String name) {
    OwnerSetting setting = OwnerSetting.of(name);
    if (setting == null) {
      return null;
    }
    if (setting.requires() != null) {
      ConfigKey<?> needed = config.key(setting.requires());
      if (needed == null || !Boolean.TRUE.equals(config.get(needed))) {
        return null;
      }
    }
    return config.key(name);
  }

  private static Object parsed(ConfigKey<?> key, String text) {
    try {
      return key.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private List<String> names() {
    return views(Map.of()).stream().map(v -> v.getString("name")).toList();
  }

  private static <T> HubConfig put(HubConfig config, ConfigKey<T> key, String text) {
    return put(config, key, text, FROM_APP);
  }

  private static <T> HubConfig put(HubConfig config, ConfigKey<T> key, String text, String from) {
    return config.with(key, key.parse(text), from);
  }
}
