package io.hearth.dist;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Debian root booted with systemd as PID 1 under {@code systemd-nspawn --boot}, on a private
 * network (loopback only: the hub's default ports cannot clash with this machine's). Commands run
 * inside through nsenter (this machine has no systemd-machined to do it).
 *
 * <p>The container gets the unified cgroup hierarchy and the bpf() system call, which systemd needs
 * to enforce a unit's IPAddressDeny=/IPAddressAllow= (on this machine's hybrid hierarchy it would
 * silently skip them).
 */
final class BootedRoot implements AutoCloseable {
  private final Process nspawn;
  private final long leader;

  private BootedRoot(Process nspawn, long leader) {
    this.nspawn = nspawn;
    this.leader = leader;
  }

  static BootedRoot boot(Path root, Path console) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                "systemd-nspawn",
                "--boot",
                "--private-network",
                "--register=no",
                "--keep-unit",
                "--console=passive",
                "--system-call-filter=bpf",
                "--capability=CAP_BPF",
                "--machine=hearth-box-" + ProcessHandle.current().pid(),
                "-D",
                root.toString())
            .redirectErrorStream(true)
            .redirectOutput(console.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("SYSTEMD_NSPAWN_UNIFIED_HIERARCHY", "1");
    Process nspawn = builder.start();
    long leader = awaitLeader(nspawn, Instant.now().plusSeconds(30));
    BootedRoot booted = new BootedRoot(nspawn, leader);
    Sh.Result state =
        booted.exec(Duration.ofSeconds(90), "systemctl", "is-system-running", "--wait");
    if (!state.out().contains("running") && !state.out().contains("degraded")) {
      booted.close();
      throw new IllegalStateException("the container did not boot: " + state.out());
    }
    return booted;
  }

  private static long awaitLeader(Process nspawn, Instant deadline) {
    while (Instant.now().isBefore(deadline)) {
      Optional<ProcessHandle> child = nspawn.children().findFirst();
      if (child.isPresent()) {
        return child.get().pid();
      }
      if (!nspawn.isAlive()) {
        throw new IllegalStateException("systemd-nspawn exited with " + nspawn.exitValue());
      }
      pause();
    }
    nspawn.destroyForcibly();
    throw new IllegalStateException("systemd-nspawn started no container in 30 s");
  }

  /** Runs a command inside the booted system with a clean environment. */
  Sh.Result exec(Duration timeout, String... command) {
    List<String> line = new ArrayList<>(List.of("nsenter", "-t", "" + leader, "-a", "-r", "-w"));
    line.addAll(
        List.of(
            "/usr/bin/env",
            "-i",
            "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
            "DEBIAN_FRONTEND=noninteractive",
            "LANG=C.UTF-8"));
    line.addAll(List.of(command));
    return Sh.run(timeout, Map.of(), line);
  }

  /** Runs a shell script inside the booted system. */
  Sh.Result sh(Duration timeout, String script) {
    return exec(timeout, "/bin/sh", "-c", script);
  }

  /** Runs a program of this machine (curl, ip) inside the container's network only. */
  Sh.Result inNetwork(Duration timeout, String... command) {
    List<String> line = new ArrayList<>(List.of("nsenter", "-t", "" + leader, "-n"));
    line.addAll(List.of(command));
    return Sh.run(timeout, Map.of(), line);
  }

  /**
   * Tries a TCP connection to port 9 of an address from a process placed in hearth.service's cgroup
   * (so the unit's IP filter applies to it) and in the container's network; returns what bash said
   * ("refused", "not permitted", or "timed out" when packets were silently dropped).
   */
  String connectFromHearth(String address) {
    String procs = serviceCgroup("hearth.service") + "/cgroup.procs";
    String script =
        "echo $$ > "
            + procs
            + " && nsenter -t "
            + leader
            + " -n timeout 5 bash -c 'exec 3<>/dev/tcp/"
            + address
            + "/9'; echo \"exit $?\"";
    Sh.Result result = Sh.run(Duration.ofSeconds(30), "sh", "-c", script);
    return result.out().contains("exit 124") ? result.out() + " timed out" : result.out();
  }

  /** The host's path of a unit's cgroup inside the container (unified hierarchy). */
  private String serviceCgroup(String unit) {
    try {
      String own =
          java.nio.file.Files.readAllLines(Path.of("/proc/" + leader + "/cgroup")).stream()
              .filter(l -> l.startsWith("0::"))
              .findFirst()
              .orElseThrow()
              .substring(3);
      String containerRoot = own.replaceFirst("/init\\.scope$", "");
      return "/sys/fs/cgroup/unified" + containerRoot + "/system.slice/" + unit;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Polls until the check passes or the deadline passes; returns the last result. */
  static Sh.Result eventually(Duration within, Predicate<Sh.Result> done, Sh.Attempt attempt) {
    Instant deadline = Instant.now().plus(within);
    Sh.Result last = attempt.run();
    while (!done.test(last) && Instant.now().isBefore(deadline)) {
      pause();
      last = attempt.run();
    }
    return last;
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Shuts the system down (nspawn turns SIGTERM into a clean poweroff), then kills what is left.
   */
  @Override
  public void close() {
    nspawn.destroy();
    try {
      if (!nspawn.waitFor(60, TimeUnit.SECONDS)) {
        nspawn.descendants().forEach(ProcessHandle::destroyForcibly);
        nspawn.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
