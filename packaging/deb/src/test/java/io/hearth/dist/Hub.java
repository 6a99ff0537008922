package io.hearth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The hub running as hearth.service in a booted root: health, sandbox, filter, score. */
final class Hub {
  static final String HTTP = "http://127.0.0.1:8080";
  private static final Duration SHORT = Duration.ofSeconds(30);
  private static final Pattern SCORE =
      Pattern.compile("Overall exposure level for hearth.service: ([0-9.]+)");

  private Hub() {}

  static Sh.Result health(BootedRoot box) {
    return box.inNetwork(SHORT, "curl", "-s", "-m", "5", HTTP + "/api/v1/health");
  }

  /** Waits for "active" (READY=1 reached systemd) and health; returns the hub's PID. */
  static String awaitHealthy(BootedRoot box) {
    Sh.Result active =
        BootedRoot.eventually(
            Duration.ofMinutes(3),
            r -> r.out().trim().equals("active"),
            () -> box.exec(SHORT, "systemctl", "is-active", "hearth"));
    assertEquals("active", active.out().trim(), "hearth.service is not active");
    Sh.Result health =
        BootedRoot.eventually(
            Duration.ofSeconds(30), r -> r.out().contains("\"up\""), () -> health(box));
    assertTrue(health.out().contains("\"status\":\"up\""), "health: " + health.out());
    return box.exec(SHORT, "systemctl", "show", "-p", "MainPID", "--value", "hearth")
        .ok()
        .out()
        .trim();
  }

  /** The JVM really runs as hearth, under the system call filter, with no capabilities. */
  static void checkSandbox(BootedRoot box, String pid) {
    String status = box.exec(SHORT, "cat", "/proc/" + pid + "/status").ok().out();
    String uid = box.exec(SHORT, "id", "-u", "hearth").ok().out().trim();
    assertTrue(status.matches("(?s).*\nUid:\\s+" + uid + "\\s.*"), status);
    assertTrue(status.contains("Seccomp:\t2"), "system call filter on: " + status);
    assertTrue(status.contains("NoNewPrivs:\t1"), status);
    assertTrue(status.contains("CapEff:\t0000000000000000"), status);
    assertTrue(status.contains("CapBnd:\t0000000000000000"), status);
    String cmdline = box.exec(SHORT, "cat", "/proc/" + pid + "/cmdline").ok().out();
    assertTrue(cmdline.contains("-XX:-UsePerfData") && cmdline.contains("-Xmx96m"), cmdline);
    // The class-data-sharing archive the postinst made is in use.
    assertTrue(cmdline.contains("-XX:SharedArchiveFile=/var/lib/hearth/hearth.jsa"), cmdline);
    String limits = box.exec(SHORT, "systemctl", "show", "-p", "MemoryMax", "hearth").out();
    assertEquals("MemoryMax=536870912", limits.trim());
  }

  /**
   * The kernel's IP filter of the unit: a socket made inside hearth.service's cgroup reaches
   * loopback and the LAN ranges but not a public address (TEST-NET-2 put on the container's
   * loopback, so that without the filter the connection would be refused at once).
   */
  static void checkIpFilter(BootedRoot box) {
    box.inNetwork(SHORT, "ip", "addr", "add", "198.51.100.7/32", "dev", "lo").ok();
    box.inNetwork(SHORT, "ip", "addr", "add", "192.168.77.7/32", "dev", "lo").ok();
    assertTrue(box.connectFromHearth("127.0.0.1").contains("refused"), "loopback allowed");
    assertTrue(box.connectFromHearth("192.168.77.7").contains("refused"), "LAN allowed");
    String outside = box.connectFromHearth("198.51.100.7");
    assertTrue(
        outside.contains("not permitted") || outside.contains("timed out"),
        "a public address must be dropped by the kernel, got: " + outside);
  }

  /** systemd's own exposure score of the unit as installed; the report is kept in a file. */
  static void measureSecurity(BootedRoot box, Path report) throws IOException {
    String out = box.exec(SHORT, "systemd-analyze", "security", "--no-pager", "hearth").out();
    Files.writeString(report, out);
    Matcher score = SCORE.matcher(out);
    assertTrue(score.find(), out);
    double exposure = Double.parseDouble(score.group(1));
    assertTrue(exposure <= 2.0, "exposure " + exposure + " > 2.0; see " + report);
  }

  /** The owner's token (from the data directory) is accepted by the hub. */
  static void checkToken(BootedRoot box, String token) {
    Sh.Result members =
        box.inNetwork(
            SHORT,
            "curl",
            "-s",
            "-m",
            "5",
            "-H",
            "Authorization: Bearer " + token,
            HTTP + "/api/v1/members");
    assertTrue(members.out().contains("Owner"), "members with the owner token: " + members.out());
  }
}
