package io.hearth.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.ModuleCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(Map<String, String> env, String... args) {
    Main main =
        new Main(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            new ModuleCatalog(List.of()));
    return main.execute(args);
  }

  @Test
  void aCorruptedConfigFileExitsWithTwoAndNamesTheLine() throws Exception {
    Path file = Files.writeString(dir.resolve("hearth.yaml"), "hub:\n  data-dir: /x\n  : :\n\t-\n");
    assertEquals(2, run(Map.of(), "config", "--config", file.toString()));
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("hearth.yaml line"), message);
  }

  @Test
  void aMissingConfigFileIsAUsageError() {
    assertEquals(2, run(Map.of(), "run", "--config", dir.resolve("nope.yaml").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read"));
  }

  @Test
  void unknownCommandsAndOptionsAreUsageErrors() {
    assertEquals(2, run(Map.of(), "explode"));
    assertEquals(2, run(Map.of(), "run", "--colour"));
    assertEquals(2, run(Map.of(), "run", "--set"));
  }

  @Test
  void configPrintsEffectiveValuesWithTheirOrigin() {
    assertEquals(
        0,
        run(
            Map.of("HEARTH_HUB_HOME_NAME", "Cottage"),
            "config",
            "--set",
            "hub.host-names=hub.example"));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("home-name: 'Cottage'"), printed);
    assertTrue(printed.contains("from: environment variable HEARTH_HUB_HOME_NAME"), printed);
    assertTrue(printed.contains("host-names: 'hub.example'"), printed);
  }

  @Test
  void anUnwritableDataDirectoryExitsWithThree() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertEquals(3, run(Map.of(), "run", "--data", file.resolve("sub").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("not usable"));
  }
}
