package io.hearth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.ModuleCatalog;
import io.hearth.runtime.RuntimeSettings;
import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.config.HubConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code /etc/hearth/hearth.yaml} (target/deb/hearth.yaml, what jdeb puts in the .deb)
 * documents every key the hub knows, loads as it is, and its documented defaults are the hub's.
 */
class ConffileTemplateTest {
  private static final Path PACKAGED = Path.of("target", "deb", "hearth.yaml");
  private static final Pattern SECTION = Pattern.compile("([a-z][a-z0-9-]*):");
  private static final Pattern ENTRY = Pattern.compile("  #?([a-z][a-z0-9.-]*):( .*)?");

  @TempDir Path dir;

  private final List<ConfigKey<?>> keys = ModuleCatalog.discover().configKeys();

  private static String packaged() throws IOException {
    assertTrue(Files.isRegularFile(PACKAGED), PACKAGED + " is missing: run mvn package");
    return Files.readString(PACKAGED, StandardCharsets.UTF_8);
  }

  @Test
  void everyKeyTheHubKnowsIsDocumentedUnderItsSection() throws IOException {
    String yaml = packaged();
    Set<String> listed = listedKeys(yaml);
    List<String> missing = new ArrayList<>();
    for (ConfigKey<?> key : keys) {
      if (!listed.contains(key.name()) || !yaml.contains(key.environmentVariable())) {
        missing.add(key.name());
      }
    }
    assertEquals(List.of(), missing, "keys not documented in the packaged hearth.yaml");
    assertTrue(keys.size() > 50, "the catalog found only " + keys.size() + " keys");
  }

  /** section.key for every key line, set or commented out, under its section's heading. */
  private static Set<String> listedKeys(String yaml) {
    Set<String> names = new HashSet<>();
    String section = null;
    for (String line : yaml.lines().toList()) {
      Matcher heading = SECTION.matcher(line);
      Matcher entry = ENTRY.matcher(line);
      if (heading.matches()) {
        section = heading.group(1);
      } else if (entry.matches() && section != null) {
        names.add(section + "." + entry.group(1));
      }
    }
    return names;
  }

  @Test
  void asShippedItSetsOnlyTheDataDirectory() throws IOException {
    HubConfig config = load(packaged());

    assertEquals(ConffileTemplate.STATE_DIRECTORY, config.get(RuntimeSettings.DATA_DIR));
    for (ConfigKey<?> key : keys) {
      if (!key.equals(RuntimeSettings.DATA_DIR)) {
        assertEquals("default", config.origin(key), key.name());
      }
    }
  }

  @Test
  void everyDocumentedDefaultIsTheHubsDefault() throws IOException {
    String uncommented = packaged().replaceAll("(?m)^  #([a-z][a-z0-9.-]*): (.+)$", "  $1: $2");

    HubConfig config = load(uncommented);

    for (ConfigKey<?> key : keys) {
      if (key.defaultValue() != null && !key.equals(RuntimeSettings.DATA_DIR)) {
        assertTrue(config.origin(key).contains("line"), key.name() + " was not in the file");
        assertEquals(key.defaultValue(), config.get(key), key.name());
      }
    }
  }

  @Test
  void longDescriptionsWrapAtSpaces() {
    List<String> lines = ConffileTemplate.wrap("aaa bbb ccc ddd", 7);

    assertEquals(List.of("aaa bbb", "ccc ddd"), lines);
  }

  private HubConfig load(String yaml) throws IOException {
    Path file = dir.resolve("hearth.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new ConfigLoader(keys).file(file).build();
  }
}
