package io.hearth.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A clean Debian bookworm root made by mmdebstrap from Debian's own mirror: the minimal base with
 * systemd as init, nothing of Hearth's. The bootstrap tarball is kept for a day under {@code
 * target/box-cache}, and so are the packages apt downloads into the root.
 */
final class DebianRoot {
  static final String SUITE = "bookworm";
  static final List<String> MIRRORS =
      List.of(
          "deb http://deb.debian.org/debian bookworm main",
          "deb http://deb.debian.org/debian bookworm-updates main",
          "deb http://deb.debian.org/debian-security bookworm-security main");
  private static final Duration CACHE_AGE = Duration.ofDays(1);

  private final Path dir;
  private final Path aptCache;

  private DebianRoot(Path dir, Path aptCache) {
    this.dir = dir;
    this.aptCache = aptCache;
  }

  Path dir() {
    return dir;
  }

  /** Unpacks a fresh root into {@code dir}, bootstrapping (or refreshing) the cached tarball. */
  static DebianRoot create(Path cache, Path dir) throws IOException {
    Files.createDirectories(cache);
    Path tarball = cache.resolve(SUITE + "-minbase-systemd.tar");
    if (!fresh(tarball)) {
      List<String> command = new ArrayList<>(List.of("mmdebstrap", "--variant=minbase"));
      command.add("--include=systemd-sysv");
      command.add(SUITE);
      command.add(tarball.toString());
      command.addAll(MIRRORS);
      Sh.run(Duration.ofMinutes(5), Map.of(), command).ok();
    }
    deleteTree(dir);
    Files.createDirectories(dir);
    Sh.run(Duration.ofMinutes(2), "tar", "-C", dir.toString(), "-xf", tarball.toString()).ok();
    return new DebianRoot(dir, Files.createDirectories(cache.resolve("apt-archives")));
  }

  private static boolean fresh(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    FileTime modified = Files.getLastModifiedTime(file);
    return modified.toInstant().isAfter(Instant.now().minus(CACHE_AGE));
  }

  /**
   * Runs a shell command in the root, systemd not running (systemd-nspawn as a chroot that also
   * mounts /proc, /sys and /dev), with the host's network and the cached apt archives.
   */
  Sh.Result chroot(Duration timeout, String script) {
    return Sh.run(
        timeout,
        Map.of(),
        List.of(
            "systemd-nspawn",
            "--quiet",
            "--register=no",
            "--keep-unit",
            "--pipe",
            "--bind=" + aptCache + ":/var/cache/apt/archives",
            "-D",
            dir.toString(),
            "/usr/bin/env",
            "-i",
            "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
            "DEBIAN_FRONTEND=noninteractive",
            "LANG=C.UTF-8",
            "/bin/sh",
            "-c",
            script));
  }

  /** Copies a file from the host into the root; returns its path inside the root. */
  String copyIn(Path file) throws IOException {
    Path inside = dir.resolve("root").resolve(file.getFileName().toString());
    Files.copy(file, inside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return "/root/" + file.getFileName();
  }

  /** A path inside the root, seen from the host. */
  Path path(String absolute) {
    return dir.resolve(absolute.substring(1));
  }

  static void deleteTree(Path dir) {
    if (Files.exists(dir)) {
      Sh.Result result =
          Sh.run(Duration.ofMinutes(2), "rm", "-rf", "--one-file-system", dir.toString());
      if (result.code() != 0) {
        throw new UncheckedIOException(
            new IOException("cannot delete " + dir + ": " + result.out()));
      }
    }
  }
}
