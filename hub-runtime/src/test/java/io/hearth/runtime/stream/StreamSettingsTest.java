package io.hearth.runtime.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.RuntimeSettings;
import io.hearth.runtime.config.ConfigException;
import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.config.ConfigPrinter;
import io.hearth.runtime.config.HubConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The switchboard's options come from the {@code stream} section and show in the config print. */
class StreamSettingsTest {
  @Test
  void theStreamSectionSetsTheSwitchboardsOptions() {
    HubConfig config =
        load("stream.linger-ms=2500", "stream.max-viewers-per-camera=4", "stream.gop-max-frames=0");
    SwitchboardOptions options = StreamSettings.options(config);
    assertEquals(Duration.ofMillis(2500), options.getLinger());
    assertEquals(4, options.getMaxViewersPerCamera());
    assertEquals(0, options.getGopMaxFrames());
    assertEquals(
        SwitchboardOptions.DEFAULT_BACKOFF_MAX, options.getBackoffMax(), "unset keys default");
  }

  @Test
  void everyStreamKeyIsPrintedWithItsDescription() {
    String printed = ConfigPrinter.print(load("stream.linger-ms=2500"));
    String section = printed.substring(printed.indexOf("\nstream:\n"));
    for (var key : StreamSettings.keys()) {
      String local = key.name().substring("stream.".length());
      assertTrue(section.contains("\n  " + local + ": "), key.name() + " missing: " + section);
      assertTrue(section.contains(key.description()), key.name() + " has no description");
    }
    assertTrue(section.contains("linger-ms: 2500"), section);
  }

  @Test
  void contradictoryOrOutOfRangeValuesAreRefusedWithTheKeysNamed() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                StreamSettings.options(
                    load("stream.backoff-initial-ms=5000", "stream.backoff-max-ms=1000")));
    assertTrue(e.getMessage().contains("stream.backoff-max-ms"), e.getMessage());
    assertThrows(ConfigException.class, () -> load("stream.max-viewers-per-camera=0"));
  }

  private static HubConfig load(String... sets) {
    return new ConfigLoader(RuntimeSettings.keys()).overrides(List.of(sets)).build();
  }
}
