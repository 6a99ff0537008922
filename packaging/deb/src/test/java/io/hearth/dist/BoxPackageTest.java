package io.hearth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.runtime.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The box, end to end: the built package goes into a clean Debian bookworm root with {@code apt
 * install ./hearth_*.deb}, the root boots with systemd, the hardened service comes up and answers
 * health, an upgrade keeps data and configuration, remove keeps data, purge deletes it, and a fresh
 * install on the running system starts the service by itself. Needs root (mmdebstrap, nspawn);
 * {@code mvn -pl packaging/deb -am verify -Dgroups=box} runs it alone. What it saw is left in
 * target/box (console, journal, security report).
 */
@Tag("box")
class BoxPackageTest {
  private static final Path TARGET = Path.of("target");
  private static final Path WORK = TARGET.resolve("box");
  private static final Duration APT = Duration.ofMinutes(5);
  private static final Duration SHORT = Duration.ofSeconds(30);
  private static final String TOKEN = "/var/lib/hearth/owner.token";
  private static final String CONF = "/etc/hearth/hearth.yaml";

  @Test
  @Timeout(value = 14, unit = TimeUnit.MINUTES)
  void installRunUpgradeRemovePurgeInACleanDebianRoot() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "BoxPackageTest needs root (mmdebstrap, systemd-nspawn): run it as root");
    for (String[] tool : TOOLS) {
      Peers.require(tool[0], tool[1]);
    }
    Path deb = Packages.built(TARGET);
    Path upgrade = Packages.bumped(deb, WORK.resolve("upgrade"), "+boxtest1");
    DebianRoot root = DebianRoot.create(TARGET.resolve("box-cache"), WORK.resolve("root"));
    try {
      installWithoutSystemd(root, deb);
      root.copyIn(upgrade);
      try (BootedRoot box = BootedRoot.boot(root.dir(), WORK.resolve("console.log"))) {
        try {
          lifecycle(root, box, deb, upgrade);
        } finally {
          Files.writeString(
              WORK.resolve("journal.txt"),
              box.exec(SHORT, "journalctl", "-b", "--no-pager", "-u", "hearth").out());
        }
      }
    } finally {
      DebianRoot.deleteTree(root.dir());
    }
  }

  private static final String[][] TOOLS = {
    {"mmdebstrap", "mmdebstrap"},
    {"systemd-nspawn", "systemd-container"},
    {"nsenter", "util-linux"},
    {"curl", "curl"},
    {"ip", "iproute2"},
    {"dpkg-deb", "dpkg"}
  };

  /** apt install in the root before it boots: the user, the files, the modes, no start yet. */
  private static void installWithoutSystemd(DebianRoot root, Path deb) throws IOException {
    root.copyIn(deb);
    Sh.Result install =
        root.chroot(APT, "apt-get update -q && cd /root && apt install -y ./" + deb.getFileName())
            .ok();
    assertTrue(install.out().contains("systemd is not running here"), install.tail());
    Files.writeString(WORK.resolve("install.txt"), install.out());
    Layout.check(root);
  }

  private void lifecycle(DebianRoot root, BootedRoot box, Path deb, Path upgrade)
      throws IOException {
    String firstPid = Hub.awaitHealthy(box);
    Hub.checkSandbox(box, firstPid);
    Hub.checkIpFilter(box);
    Hub.measureSecurity(box, WORK.resolve("security.txt"));
    String token = Files.readString(root.path(TOKEN), StandardCharsets.UTF_8).trim();
    Hub.checkToken(box, token);
    Path conf = root.path(CONF);
    String edited =
        Files.readString(conf)
            .replace("  #events-retention-days: 30", "  events-retention-days: 7");
    Files.writeString(conf, edited);

    upgrade(box, upgrade, firstPid, token);
    assertEquals(token, Files.readString(root.path(TOKEN)).trim(), "the upgrade kept the data");
    assertEquals(edited, Files.readString(conf), "the upgrade kept the edited configuration");

    removeThenPurge(root, box, token);
    freshInstallOnARunningSystem(root, box, deb, token);
  }

  private static void upgrade(BootedRoot box, Path upgrade, String oldPid, String token) {
    Sh.Result result = box.sh(APT, "cd /root && apt install -y ./" + upgrade.getFileName()).ok();
    assertTrue(result.out().contains("Admin page: https://"), result.tail());
    assertTrue(result.out().contains(TOKEN), result.tail());
    String version = Packages.version(upgrade);
    assertEquals(
        version, box.exec(SHORT, "dpkg-query", "-W", "-f=${Version}", "hearth").ok().out());
    String pid = Hub.awaitHealthy(box);
    assertNotEquals(oldPid, pid, "the upgrade restarted the hub");
    Hub.checkToken(box, token);
    String config = box.exec(SHORT, "hearth", "config").ok().out();
    assertTrue(config.contains("events-retention-days: 7"), config);
  }

  private static void removeThenPurge(DebianRoot root, BootedRoot box, String token)
      throws IOException {
    box.exec(APT, "apt", "remove", "-y", "hearth").ok();
    assertNotEquals(0, box.exec(SHORT, "systemctl", "is-active", "--quiet", "hearth").code());
    assertFalse(Hub.health(box).out().contains("\"up\""), "nothing answers after remove");
    assertFalse(Files.exists(root.path("/usr/share/hearth/lib")), "remove deletes the program");
    assertEquals(token, Files.readString(root.path(TOKEN)).trim(), "remove keeps the data");
    assertTrue(Files.exists(root.path(CONF)), "remove keeps the configuration");

    box.exec(APT, "apt", "purge", "-y", "hearth").ok();
    assertFalse(Files.exists(root.path("/var/lib/hearth")), "purge deletes the data");
    assertFalse(Files.exists(root.path("/etc/hearth")), "purge deletes the configuration");
    String overrides = box.exec(SHORT, "dpkg-statoverride", "--list").out();
    assertFalse(overrides.contains("hearth"), overrides);
  }

  private static void freshInstallOnARunningSystem(
      DebianRoot root, BootedRoot box, Path deb, String oldToken) throws IOException {
    Sh.Result result = box.sh(APT, "cd /root && apt install -y ./" + deb.getFileName()).ok();
    assertTrue(result.out().contains("Hearth is running. Admin page: https://"), result.tail());
    Hub.awaitHealthy(box);
    String token = Files.readString(root.path(TOKEN)).trim();
    assertNotEquals(oldToken, token, "after a purge the hub starts a new home");
    Hub.checkToken(box, token);
    Layout.check(root);
  }
}
