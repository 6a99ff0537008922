package io.hearth.runtime.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.runtime.RuntimeSettings;
import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.recording.RecordingSettings;
import io.hearth.runtime.store.SettingStore.Stored;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which value wins at start: the default, then the file, then the app's saved value, then an
 * environment variable (which the app cannot override); a saved value that no longer fits its key
 * is ignored, and a key that is not an owner setting is never taken from the store.
 */
class SettingsOverlayTest {
  @TempDir Path dir;

  @Test
  void theAppsValueWinsOverTheFileAndLosesToTheEnvironment() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("hearth.yaml"),
            "recording:\n  retention-days: 9\n  disk-percent: 40\nhub:\n  events-retention-days: 20\n");
    HubConfig config =
        new ConfigLoader(RuntimeSettings.keys())
            .file(file)
            .environment(Map.of("HEARTH_RECORDING_DISK_PERCENT", "30"))
            .build();
    HubConfig started =
        Settings.overlay(
            config,
            Map.of(
                "recording.retention-days", stored("4"),
                "recording.disk-percent", stored("70"),
                "hub.events-retention-days", stored("not a number"),
                "hub.stream-ticket-seconds", stored("300")));

    assertEquals(4, started.get(RecordingSettings.RETENTION_DAYS));
    assertEquals(Settings.FROM_APP, started.origin(RecordingSettings.RETENTION_DAYS));
    assertEquals(30, started.get(RecordingSettings.DISK_PERCENT), "the environment wins");
    assertEquals(20, started.get(RuntimeSettings.EVENTS_RETENTION_DAYS), "a bad saved value");
    assertEquals(
        30, started.get(RuntimeSettings.STREAM_TICKET_SECONDS), "not an owner setting: ignored");
    assertEquals("file", Settings.source(config.origin(RecordingSettings.RETENTION_DAYS)));
    assertEquals("environment", Settings.source(config.origin(RecordingSettings.DISK_PERCENT)));
    assertEquals("default", Settings.source(config.origin(RecordingSettings.MOTION_THRESHOLD)));
  }

  /**
   * The away switch exists only while its module is on in the file: a value the app saved is
   * ignored while the bridge is off, applies once it is on, and loses to the environment.
   */
  @Test
  void theAwaySwitchAppliesOnlyWhileTheBridgeIsOnAndLosesToTheEnvironment() {
    ConfigKey<Boolean> bridge = ConfigKey.bool("bridge.enabled", "the bridge module", false);
    ConfigKey<Boolean> away = ConfigKey.bool("bridge.away-viewing", "watching from away", true);
    List<ConfigKey<?>> keys = new ArrayList<>(RuntimeSettings.keys());
    keys.addAll(List.of(bridge, away));
    Map<String, Stored> saved = Map.of("bridge.away-viewing", stored("false"));

    HubConfig off = new ConfigLoader(keys).environment(Map.of()).build();
    assertEquals(true, Settings.overlay(off, saved).get(away), "the bridge is off in the file");
    HubConfig on =
        new ConfigLoader(keys).environment(Map.of("HEARTH_BRIDGE_ENABLED", "true")).build();
    assertEquals(false, Settings.overlay(on, saved).get(away), "the owner's switch applies");
    HubConfig forced =
        new ConfigLoader(keys)
            .environment(
                Map.of("HEARTH_BRIDGE_ENABLED", "true", "HEARTH_BRIDGE_AWAY_VIEWING", "true"))
            .build();
    assertEquals(true, Settings.overlay(forced, saved).get(away), "the environment wins");
  }

  private static Stored stored(String value) {
    return new Stored(value, "member:mem_test", 0);
  }
}
