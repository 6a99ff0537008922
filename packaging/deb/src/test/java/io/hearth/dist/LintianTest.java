package io.hearth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.runtime.testing.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Debian's own checker finds no error in the package; its warnings go to target/lintian.txt. */
@Tag("box")
class LintianTest {
  @Test
  void lintianReportsNoErrors() throws IOException {
    Peers.require("lintian", "lintian");
    Path deb = Packages.built(Path.of("target"));

    Sh.Result result = Sh.run(Duration.ofMinutes(3), "lintian", "--info", deb.toString());
    Files.writeString(Path.of("target", "lintian.txt"), result.out());

    List<String> errors = result.out().lines().filter(l -> l.startsWith("E: ")).toList();
    assertEquals(List.of(), errors, "lintian errors in " + deb);
  }
}
