package io.hearth.runtime.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private network for one test: a network namespace (the "far side", where simulated cameras and
 * announcers run) joined to this test's own namespace by a veth pair, with its own /24. Multicast
 * sent on {@link #hostInterface()} reaches the far side and nothing else: it never touches the
 * machine's real interfaces. Needs root and iproute2; a machine without them skips (or, under CI,
 * fails) through {@link Peers}.
 *
 * <pre>
 *   this JVM: hostInterface() = hearth-xxxxxx, 10.a.b.1/24
 *          |  veth
 *   namespace hearth-xxxxxx:   eth0, 10.a.b.2/24 (peerAddress()), lo up with multicast
 * </pre>
 */
public final class TestNetwork implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final String subnet;
  private final List<Process> processes = new ArrayList<>();
  private String peerAddress;

  private TestNetwork(String name, String subnet) {
    this.name = name;
    this.subnet = subnet;
    this.peerAddress = subnet + ".2";
  }

  /** Creates the namespace and the link; skips or fails if the machine cannot. */
  public static TestNetwork create() {
    Peers.require("ip", "iproute2");
    String name = "hearth-" + String.format("%06x", RANDOM.nextInt(0x1000000));
    String subnet = "10." + (100 + RANDOM.nextInt(100)) + "." + RANDOM.nextInt(250);
    TestNetwork net = new TestNetwork(name, subnet);
    try {
      net.ip("netns", "add", name);
      net.ip("link", "add", name, "type", "veth", "peer", "name", "eth0", "netns", name);
      net.ip("addr", "add", subnet + ".1/24", "dev", name);
      net.ip("link", "set", name, "multicast", "on", "up");
      net.inside("ip", "link", "set", "lo", "multicast", "on", "up");
      net.inside("ip", "addr", "add", subnet + ".2/24", "dev", "eth0");
      net.inside("ip", "link", "set", "eth0", "multicast", "on", "up");
      net.inside("ip", "route", "add", "224.0.0.0/4", "dev", "eth0");
      net.awaitInterface();
    } catch (IOException | RuntimeException e) {
      net.close();
      Peers.missing("cannot make a test network namespace (root and iproute2 needed): " + e);
    }
    return net;
  }

  /** The namespace's name, for {@code ip netns exec}. */
  public String namespace() {
    return name;
  }

  /**
   * This side's interface name; give it to whatever must listen or announce on the test network.
   */
  public String hostInterface() {
    return name;
  }

  public NetworkInterface hostNetworkInterface() throws SocketException {
    return NetworkInterface.getByName(name);
  }

  public InetAddress hostAddress() throws IOException {
    return InetAddress.getByName(subnet + ".1");
  }

  /** The far side's current IPv4 address. */
  public InetAddress peerAddress() throws IOException {
    return InetAddress.getByName(peerAddress);
  }

  /**
   * Moves the far side to another address of the subnet (as a DHCP lease change would), dropping
   * the old one. Processes keep running; sockets bound to the old address stop working.
   */
  public InetAddress movePeer(int lastOctet) throws IOException {
    String next = subnet + "." + lastOctet;
    // Old first: deleting a primary address would take the secondaries of its subnet with it.
    inside("ip", "addr", "del", peerAddress + "/24", "dev", "eth0");
    inside("ip", "addr", "add", next + "/24", "dev", "eth0");
    inside("ip", "route", "replace", "224.0.0.0/4", "dev", "eth0");
    peerAddress = next;
    return peerAddress();
  }

  /**
   * Gives the far side one more address, one outside any home network (say TEST-NET-2,
   * 198.51.100.7), and routes it from here through this link only; the route goes with the link.
   * This is how a test plays "the internet" without any packet leaving the machine.
   */
  public void addOutsideAddress(String address) throws IOException {
    inside("ip", "addr", "add", address + "/32", "dev", "eth0");
    ip("route", "add", address + "/32", "dev", name);
  }

  /**
   * Gives this side one more address (say TEST-NET-3, 203.0.113.9: a server "on the internet"),
   * reachable from the far side through this link only; it goes with the link.
   */
  public void addHostAddress(String address) throws IOException {
    ip("addr", "add", address + "/32", "dev", name);
    inside("ip", "route", "add", address + "/32", "dev", "eth0");
  }

  /** Starts a process on the far side; it is killed when the network closes. */
  public Process start(List<String> command, Path log) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
    if (log != null) {
      builder.redirectOutput(log.toFile());
    } else {
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    Process process = builder.start();
    synchronized (processes) {
      processes.add(process);
    }
    return process;
  }

  /** Runs a command on the far side to completion (within 10 s); its output, or a failure. */
  public String inside(String... command) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(List.of(command));
    return run(full);
  }

  private String ip(String... args) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip"));
    full.addAll(List.of(args));
    return run(full);
  }

  private static String run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
    return out;
  }

  private void awaitInterface() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      NetworkInterface nic = hostNetworkInterface();
      if (nic != null && nic.isUp() && nic.getInetAddresses().hasMoreElements()) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException("interface " + name + " did not come up within 5 s");
  }

  /** Kills the far side's processes and removes the namespace and the link. */
  @Override
  public void close() {
    synchronized (processes) {
      for (Process p : processes) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      for (Process p : processes) {
        try {
          p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    try {
      ip("link", "del", name);
    } catch (IOException e) {
      // Already gone with the namespace.
    }
    try {
      ip("netns", "del", name);
    } catch (IOException e) {
      // Nothing to remove.
    }
  }
}
