package io.hearth.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub tells systemd it is ready only inside a notify service, and says so when it cannot. */
class ServiceReadinessTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private Path script(String body) throws IOException {
    Path script = dir.resolve("notify.sh");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void outsideANotifyServiceNothingRuns() throws IOException {
    Path marker = dir.resolve("ran");
    Path script = script("touch " + marker);

    assertFalse(ServiceReadiness.announce(Map.of(), script.toString(), "up", err));
    assertFalse(Files.exists(marker));
  }

  @Test
  void insideANotifyServiceItSendsReady() throws IOException {
    Path args = dir.resolve("args");
    Path script = script("echo \"$@\" > " + args);

    boolean told =
        ServiceReadiness.announce(
            Map.of("NOTIFY_SOCKET", "/run/systemd/notify"), script.toString(), "up", err);

    assertTrue(told);
    assertEquals("--ready --status=up", Files.readString(args).trim());
  }

  @Test
  void aFailingNotifierIsOneLineNotACrash() throws IOException {
    Path script = script("exit 1");

    boolean told =
        ServiceReadiness.announce(
            Map.of("NOTIFY_SOCKET", "/run/systemd/notify"), script.toString(), "up", err);
    boolean missing =
        ServiceReadiness.announce(
            Map.of("NOTIFY_SOCKET", "/x"), dir.resolve("absent").toString(), "up", err);

    assertFalse(told || missing);
    String lines = errBytes.toString(StandardCharsets.UTF_8);
    assertTrue(lines.contains("--ready failed (exit 1)"), lines);
    assertTrue(lines.contains("cannot tell systemd the hub is ready"), lines);
    assertEquals(2, lines.lines().count(), lines);
  }
}
