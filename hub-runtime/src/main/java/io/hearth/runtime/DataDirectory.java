package io.hearth.runtime;

import io.hearth.runtime.error.ExitCode;
import io.hearth.runtime.error.HubStartException;
import io.hearth.runtime.store.SecureFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The hub's data directory: created mode 0700, checked writable before anything else runs. */
final class DataDirectory {
  static final String PORTS_FILE = "ports.json";

  private final Path path;

  private DataDirectory(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  static DataDirectory prepare(String configured) {
    Path path = Path.of(configured).toAbsolutePath().normalize();
    try {
      SecureFiles.createPrivateDirectory(path);
      Path probe = Files.createTempFile(path, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      throw new HubStartException(
          ExitCode.ENVIRONMENT,
          "the data directory "
              + path
              + " is not usable ("
              + describe(e)
              + "). Make it writable by user "
              + System.getProperty("user.name")
              + ", or choose another with --data DIR.",
          e);
    }
    return new DataDirectory(path);
  }

  /** Writes the bound ports, keyed by configuration key, for tests and tools to read. */
  void writePorts(JsonObject ports) {
    try {
      SecureFiles.replacePrivateFile(
          path.resolve(PORTS_FILE), ports.encodePrettily().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new HubStartException(
          ExitCode.ENVIRONMENT, "cannot write " + PORTS_FILE + ": " + e.getMessage(), e);
    }
  }

  private static String describe(Exception e) {
    String kind =
        e.getClass()
            .getSimpleName()
            .replace("Exception", "")
            .replaceAll("([a-z])([A-Z])", "$1 $2")
            .toLowerCase(java.util.Locale.ROOT);
    return kind + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
