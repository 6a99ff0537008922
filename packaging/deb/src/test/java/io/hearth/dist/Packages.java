package io.hearth.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** The package the build made, and a newer build of it for upgrade tests. */
final class Packages {
  private Packages() {}

  /** The newest {@code hearth_*_all.deb} in the build directory. */
  static Path built(Path target) throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      Optional<Path> deb =
          files
              .filter(p -> p.getFileName().toString().matches("hearth_.+_all\\.deb"))
              .max(Comparator.comparing(p -> p.toFile().lastModified()));
      assertTrue(deb.isPresent(), "no hearth_*_all.deb in " + target + ": run mvn package");
      return deb.get();
    }
  }

  static String version(Path deb) {
    return Sh.run(Duration.ofSeconds(30), "dpkg-deb", "-f", deb.toString(), "Version")
        .ok()
        .out()
        .trim();
  }

  /**
   * The same build with its version raised by {@code suffix} (dpkg sorts {@code 0.1.0~SNAPSHOT+u1}
   * after {@code 0.1.0~SNAPSHOT}): what apt sees as the next release.
   */
  static Path bumped(Path deb, Path work, String suffix) throws IOException {
    DebianRoot.deleteTree(work);
    Path tree = Files.createDirectories(work).resolve("tree");
    Sh.run(Duration.ofMinutes(1), "dpkg-deb", "-R", deb.toString(), tree.toString()).ok();
    Path control = tree.resolve("DEBIAN/control");
    String version = version(deb);
    String text = Files.readString(control, StandardCharsets.UTF_8);
    Files.writeString(control, text.replace("Version: " + version, "Version: " + version + suffix));
    Path out = work.resolve("hearth_" + version + suffix + "_all.deb");
    Sh.run(
            Duration.ofMinutes(2),
            "dpkg-deb",
            "--root-owner-group",
            "-Zxz",
            "-b",
            tree.toString(),
            out.toString())
        .ok();
    return out;
  }
}
