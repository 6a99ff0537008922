package io.hearth.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  static final ConfigKey<Integer> PORT = ConfigKey.port("api.port", "HTTPS port.", 8443);
  static final ConfigKey<String> HOST = ConfigKey.string("api.host", "Bind address.", "0.0.0.0");
  static final ConfigKey<Boolean> ON = ConfigKey.bool("api.enabled", "Run it.", true);
  static final ConfigKey<String> PASSWORD = ConfigKey.secret("mqtt.password", "Broker password.");
  static final List<ConfigKey<?>> KEYS = List.of(PORT, HOST, ON, PASSWORD);

  @TempDir Path dir;

  @Test
  void defaultsApplyWithNoFile() {
    HubConfig config = new ConfigLoader(KEYS).build();
    assertEquals(8443, config.get(PORT));
    assertEquals("default", config.origin(PORT));
  }

  @Test
  void fileThenEnvironmentThenSetWin_inThatOrder() throws IOException {
    Path file = write("api:\n  port: 9000\n  host: 127.0.0.1\n");
    HubConfig fromFile = new ConfigLoader(KEYS).file(file).build();
    assertEquals(9000, fromFile.get(PORT));
    assertTrue(fromFile.origin(PORT).endsWith("line 2"), fromFile.origin(PORT));

    HubConfig fromEnv =
        new ConfigLoader(KEYS).file(file).environment(Map.of("HEARTH_API_PORT", "9100")).build();
    assertEquals(9100, fromEnv.get(PORT));
    assertEquals("127.0.0.1", fromEnv.get(HOST));

    HubConfig fromSet =
        new ConfigLoader(KEYS)
            .file(file)
            .environment(Map.of("HEARTH_API_PORT", "9100"))
            .overrides(List.of("api.port=18443"))
            .build();
    assertEquals(18443, fromSet.get(PORT));
    assertEquals("--set", fromSet.origin(PORT));
  }

  @Test
  void nestedKeysMayBeWrittenAsNestedMappings() throws IOException {
    ConfigKey<Integer> mqttPort = ConfigKey.port("api.mqtt.port", "MQTT port.", 1883);
    List<ConfigKey<?>> keys = new java.util.ArrayList<>(KEYS);
    keys.add(mqttPort);
    HubConfig config =
        new ConfigLoader(keys).file(write("api:\n  port: 1\n  mqtt:\n    port: 11883\n")).build();
    assertEquals(11883, config.get(mqttPort));
    assertEquals(
        11883,
        new ConfigLoader(keys).file(write("api:\n  mqtt.port: 11883\n")).build().get(mqttPort));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(keys).file(write("api:\n  mqtt:\n    prot: 1\n")));
    assertTrue(e.getMessage().contains("api.mqtt.prot"), e.getMessage());
  }

  @Test
  void brokenYamlNamesTheLine() throws IOException {
    Path file = write("api:\n  port: 9000\n  host: [unclosed\nmqtt:\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> new ConfigLoader(KEYS).file(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().matches("(?s).*line [45].*"), e.getMessage());
  }

  @Test
  void unknownKeyIsAnErrorWithASuggestion() throws IOException {
    Path file = write("api:\n  prot: 9000\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> new ConfigLoader(KEYS).file(file));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean api.port"), e.getMessage());
  }

  @Test
  void unknownSectionListsTheKnownOnes() throws IOException {
    Path file = write("apii:\n  port: 1\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> new ConfigLoader(KEYS).file(file));
    assertTrue(e.getMessage().contains("known sections: api, mqtt"), e.getMessage());
  }

  @Test
  void outOfRangeAndWrongTypesAreRefused() throws IOException {
    ConfigException range =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(KEYS).file(write("api:\n  port: 70000\n")));
    assertTrue(range.getMessage().contains("from 0 to 65535"), range.getMessage());
    ConfigException type =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(KEYS).overrides(List.of("api.enabled=maybe")));
    assertTrue(type.getMessage().contains("true or false"), type.getMessage());
    assertThrows(
        ConfigException.class,
        () -> new ConfigLoader(KEYS).file(write("api:\n  port:\n    nested: 1\n")));
    assertThrows(ConfigException.class, () -> new ConfigLoader(KEYS).overrides(List.of("api")));
  }

  @Test
  void duplicateKeysAndAliasBombsAreRefused() throws IOException {
    ConfigException twice =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(KEYS).file(write("api:\n  port: 1\n  port: 2\n")));
    assertTrue(twice.getMessage().contains("line 3"), twice.getMessage());
    StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      char p = (char) (c - 1);
      bomb.append(c)
          .append(": &")
          .append(c)
          .append(" [*")
          .append(p)
          .append(",*")
          .append(p)
          .append(",*")
          .append(p)
          .append("]\n");
    }
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> new ConfigLoader(KEYS).file(write(bomb.toString())));
    assertTrue(e.getMessage().contains("aliases"), e.getMessage());
  }

  @Test
  void secretsAreMaskedWhenPrinted() {
    HubConfig config =
        new ConfigLoader(KEYS).overrides(List.of("mqtt.password=hunter2-secret")).build();
    assertEquals("hunter2-secret", config.get(PASSWORD));
    String printed = ConfigPrinter.print(config);
    assertFalse(printed.contains("hunter2"), printed);
    assertTrue(printed.contains("password: " + ConfigPrinter.MASK), printed);
    assertTrue(printed.contains("# HTTPS port."), printed);
    assertTrue(printed.contains("env HEARTH_API_PORT"), printed);
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("hearth.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }
}
