package io.hearth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The installed package's files, modes, owners and system user, read from the root's disk. */
final class Layout {
  private Layout() {}

  static void check(DebianRoot root) throws IOException {
    String[] user = passwd(root);
    int uid = Integer.parseInt(user[2]);
    int gid = Integer.parseInt(user[3]);
    assertTrue(uid > 0 && uid < 1000, "hearth is a system user: " + String.join(":", user));
    assertEquals("/var/lib/hearth", user[5]);
    assertEquals("/usr/sbin/nologin", user[6]);

    expect(root, "/usr/bin/hearth", 0755, 0, 0);
    expect(root, "/usr/lib/systemd/system/hearth.service", 0644, 0, 0);
    expect(root, "/etc/hearth/hearth.yaml", 0640, 0, gid);
    expect(root, "/var/lib/hearth", 0700, uid, gid);
    expect(root, "/usr/share/doc/hearth/copyright", 0644, 0, 0);
    expect(root, "/usr/share/doc/hearth/changelog.gz", 0644, 0, 0);
    expect(root, "/usr/share/man/man1/hearth.1.gz", 0644, 0, 0);
    try (var jars = Files.list(root.path("/usr/share/hearth/lib"))) {
      List<Path> all = jars.toList();
      assertTrue(all.size() > 40, "libraries installed: " + all.size());
      assertTrue(all.stream().anyMatch(p -> p.getFileName().toString().startsWith("hearth-hub")));
    }
    assertTrue(
        Files.isSymbolicLink(
            root.path("/etc/systemd/system/multi-user.target.wants/hearth.service")),
        "hearth.service is enabled");
    if (Files.exists(root.path("/var/lib/hearth/owner.token"))) {
      expect(root, "/var/lib/hearth/owner.token", 0600, uid, gid);
    }
  }

  private static String[] passwd(DebianRoot root) throws IOException {
    return Files.readAllLines(root.path("/etc/passwd")).stream()
        .filter(l -> l.startsWith("hearth:"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no user hearth in /etc/passwd"))
        .split(":");
  }

  private static void expect(DebianRoot root, String path, int mode, int uid, int gid)
      throws IOException {
    Path file = root.path(path);
    assertTrue(Files.exists(file), path + " is missing");
    int actual = (Integer) Files.getAttribute(file, "unix:mode") & 07777;
    assertEquals(Integer.toOctalString(mode), Integer.toOctalString(actual), path + " mode");
    assertEquals(uid, Files.getAttribute(file, "unix:uid"), path + " owner");
    assertEquals(gid, Files.getAttribute(file, "unix:gid"), path + " group");
  }
}
