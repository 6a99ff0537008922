package io.hearth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promise 1, measured by the kernel: the built distribution runs {@code hearth demo} inside a
 * network namespace whose only way out is a veth to a "far side" namespace that plays both the home
 * router (10.x.y.2 on the home /24) and the internet (TEST-NET-2, 198.51.100.7, routable through
 * it; the hub's default route points there). Discovery runs on the home interface, not just
 * loopback. nftables counters on the hub's output count every packet to an address that is not
 * loopback, the home /24, link-local or multicast, and every packet to 198.51.100.7, for the whole
 * soak ({@code -Dhearth.soak.seconds}, 40 by default; the README has an hour's figure). Both must
 * stay 0, and the hub's egress ledger must be empty. No packet leaves the machine: the far side
 * forwards nothing.
 */
class EgressSoakTest {
  private static final Duration SHORT = Duration.ofSeconds(20);
  private static final Duration GRACE = Duration.ofSeconds(60);
  private static final String PUBLIC = "198.51.100.7";
  private static final Path LIB = Path.of("target", "hearth", "lib").toAbsolutePath();
  private static final Pattern PACKETS =
      Pattern.compile("packets (\\d+) bytes \\d+ comment \"(\\w+)\"");

  @TempDir Path dir;
  private final String id = String.format("%06x", new SecureRandom().nextInt(0x1000000));
  private final String hubNs = "hsoak-" + id;
  private final String farNs = "hfar-" + id;
  private final String subnet = "10." + (100 + new SecureRandom().nextInt(100)) + ".77";
  private Process hub;
  private Process dns;
  private Process relay;

  @BeforeEach
  void network() {
    boolean tools =
        Sh.run(SHORT, "sh", "-c", "command -v ip && command -v nft && command -v openssl").code()
            == 0;
    String why = "ip, nft and openssl are needed (iproute2, nftables, openssl)";
    if (Boolean.getBoolean("hearth.peers.required")) {
      assertTrue(tools, why);
    }
    Assumptions.assumeTrue(tools, why);
    ip("netns", "add", hubNs);
    ip("netns", "add", farNs);
    ip(
        "link", "add", "eth0", "netns", hubNs, "type", "veth", "peer", "name", "eth0", "netns",
        farNs);
    in(hubNs, "ip", "link", "set", "lo", "multicast", "on", "up");
    in(hubNs, "ip", "addr", "add", subnet + ".1/24", "dev", "eth0");
    in(hubNs, "ip", "link", "set", "eth0", "multicast", "on", "up");
    in(hubNs, "ip", "route", "add", "default", "via", subnet + ".2");
    in(farNs, "ip", "link", "set", "lo", "up");
    in(farNs, "ip", "addr", "add", subnet + ".2/24", "dev", "eth0");
    in(farNs, "ip", "addr", "add", PUBLIC + "/32", "dev", "eth0");
    in(farNs, "ip", "link", "set", "eth0", "up");
    homeDns();
    counters();
  }

  /**
   * As in a home, names are resolved by the router: {@code ip netns exec} reads the namespace's
   * resolv.conf from /etc/netns, and a logger on the far side notes every query.
   */
  private void homeDns() {
    try {
      Path conf = Path.of("/etc/netns", hubNs);
      Files.createDirectories(conf);
      Files.writeString(conf.resolve("resolv.conf"), "nameserver " + subnet + ".2\n");
      Path script = dir.resolve("dns-logger.py");
      try (var in = EgressSoakTest.class.getResourceAsStream("dns-logger.py")) {
        Files.write(script, in.readAllBytes());
      }
      dns =
          new ProcessBuilder(
                  "ip", "netns", "exec", farNs, "python3", script.toString(), subnet + ".2")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("dns.log").toFile())
              .start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Counters on the hub's output: to "the internet" (anything not home), and to TEST-NET-2. */
  private void counters() {
    String home =
        "{ 127.0.0.0/8, " + subnet + ".0/24, 169.254.0.0/16, 224.0.0.0/4, 255.255.255.255 }";
    String rules =
        String.join(
            "\n",
            "table inet soak {",
            "  chain out {",
            "    type filter hook output priority 0; policy accept;",
            "    ip daddr " + PUBLIC + " counter comment \"testnet\"",
            "    ip daddr != " + home + " counter comment \"outside4\"",
            "    ip6 daddr != { ::1, fe80::/10, ff00::/8 } counter comment \"outside6\"",
            "  }",
            "}");
    try {
      Path file = dir.resolve("soak.nft");
      Files.writeString(file, rules + "\n");
      in(hubNs, "nft", "-f", file.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void close() {
    if (hub != null) {
      hub.descendants().forEach(ProcessHandle::destroyForcibly);
      hub.destroyForcibly();
    }
    for (Process p : new Process[] {dns, relay}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    Sh.run(SHORT, "rm", "-rf", "/etc/netns/" + hubNs);
    Sh.run(SHORT, "ip", "netns", "delete", hubNs);
    Sh.run(SHORT, "ip", "netns", "delete", farNs);
  }

  @Test
  void theDemoSendsNothingOutsideTheHomeNetwork() throws Exception {
    long soak = Long.getLong("hearth.soak.seconds", 40);
    Path data = dir.resolve("data");
    hub = startDemo(data);
    String health = awaitHealth();
    assertTrue(health.contains("\"status\""), health);
    long end = System.nanoTime() + Duration.ofSeconds(soak).toNanos();
    while (System.nanoTime() < end) {
      Thread.sleep(1000); // the soak itself: the demo runs, the counters count
      assertTrue(hub.isAlive(), "the hub stopped during the soak: " + log());
    }
    String ledger = get("/api/v1/egress", Files.readString(data.resolve("owner.token")).trim());
    List<Long> counted = new ArrayList<>();
    String table = in(hubNs, "nft", "list", "table", "inet", "soak");
    Matcher m = PACKETS.matcher(table);
    while (m.find()) {
      counted.add(Long.parseLong(m.group(1)));
    }
    List<String> asked = Files.readAllLines(dir.resolve("dns.log"));
    System.out.println(
        "egress soak: "
            + soak
            + " s of hearth demo in a namespace; packets outside the home network: "
            + counted
            + " (testnet, outside4, outside6); ledger: "
            + ledger
            + "; names asked of the home DNS: "
            + asked);
    assertEquals(List.of(0L, 0L, 0L), counted, table);
    assertTrue(
        ledger.matches("(?s).*\"entries\"\\s*:\\s*\\[\\s*].*"), "ledger not empty: " + ledger);
    assertTrue(
        ledger.matches("(?s).*\"connections\"\\s*:\\s*\\[\\s*].*"),
        "the socket meter saw a connection outside the home: " + ledger);
    assertTrue(homeTrafficSeen(table), "the counters saw nothing at all: " + table);
    // The only names the hub may ask the home DNS are reverse names of its own home addresses.
    for (String query : asked) {
      assertTrue(
          query.matches("(?i)([0-9.]+in-addr|[0-9a-f.]+ip6)\\.arpa \\d+"),
          "the hub asked the network to resolve " + query);
    }
  }

  @Test
  void withTheRelayOnTheHubTalksToTheRelayAloneAndTheLedgerSaysSo() throws Exception {
    Path cert = dir.resolve("relay.pem");
    Path key = dir.resolve("relay.key");
    Sh.run(
            SHORT,
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=" + PUBLIC,
            "-addext",
            "subjectAltName=IP:" + PUBLIC,
            "-keyout",
            key.toString(),
            "-out",
            cert.toString())
        .ok();
    relay =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                farNs,
                "java",
                "-cp",
                LIB + "/*",
                "io.hearth.runtime.cli.Main",
                "relay",
                "--set",
                "relay.host=" + PUBLIC,
                "--set",
                "relay.port=9443",
                "--set",
                "relay.public-name=" + PUBLIC,
                "--set",
                "relay.tls-cert=" + cert,
                "--set",
                "relay.tls-key=" + key)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("relay.log").toFile())
            .start();
    Path data = dir.resolve("data");
    hub =
        startDemo(
            data,
            "bridge.enabled=true",
            "bridge.relay-url=wss://" + PUBLIC + ":9443",
            "bridge.relay-ca=" + cert);
    awaitHealth();
    String token = Files.readString(data.resolve("owner.token")).trim();
    long end =
        System.nanoTime()
            + Duration.ofSeconds(Long.getLong("hearth.soak.seconds", 40) / 2).toNanos();
    Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000)); // the soak itself
    String ledger =
        BootedRoot.eventually(
                GRACE, r -> r.out().contains(PUBLIC + ":9443"), () -> curl("/api/v1/egress", token))
            .out();
    String table = in(hubNs, "nft", "list", "table", "inet", "soak");
    List<Long> counted = new ArrayList<>();
    Matcher m = PACKETS.matcher(table);
    while (m.find()) {
      counted.add(Long.parseLong(m.group(1)));
    }
    System.out.println(
        "egress soak, relay on: packets "
            + counted
            + " (testnet, outside4, outside6); ledger: "
            + ledger);
    assertTrue(counted.get(0) > 0, "nothing reached the relay: " + table + log());
    assertEquals(
        counted.get(0), counted.get(1), "packets outside the home went elsewhere: " + table);
    assertEquals(0L, counted.get(2), table);
    assertTrue(ledger.contains("\"outcome\":\"allowed\""), ledger);
    // the socket meter saw the relay link, for the purpose it was announced with
    assertTrue(
        ledger.matches("(?s).*\"connections\"\\s*:\\s*\\[[^\\]]*\"purpose\"\\s*:\\s*\"relay\".*"),
        "no metered relay connection: " + ledger);
    assertTrue(!ledger.contains("unannounced"), "an unannounced connection: " + ledger);
    assertTrue(
        ledger
                .replaceAll("\"destination\":\"" + Pattern.quote(PUBLIC) + ":9443\"", "")
                .indexOf("\"destination\"")
            < 0,
        "the ledger names a destination other than the relay: " + ledger);
  }

  /** The rules did run: the demo's discovery multicast left through the home interface. */
  private boolean homeTrafficSeen(String table) {
    String links = in(hubNs, "ip", "-s", "link", "show", "eth0");
    Matcher tx = Pattern.compile("TX:.*?\\n\\s*(\\d+)\\s+(\\d+)").matcher(links);
    return table.contains("testnet") && tx.find() && Long.parseLong(tx.group(2)) > 0;
  }

  private Process startDemo(Path data, String... sets) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("ip", "netns", "exec", hubNs, "java", "-cp", LIB + "/*"));
    command.addAll(List.of("io.hearth.runtime.cli.Main", "demo", "--data", data.toString()));
    command.addAll(List.of("--set", "discovery.interfaces=eth0"));
    for (String set : sets) {
      command.add("--set");
      command.add(set);
    }
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("hub.log").toFile())
        .start();
  }

  private String awaitHealth() {
    Sh.Result health =
        BootedRoot.eventually(
            Duration.ofSeconds(90),
            r -> r.out().contains("\"status\"") || !hub.isAlive(),
            () -> curl("/api/v1/health", null));
    assertTrue(health.out().contains("\"status\""), "the demo did not answer health: " + log());
    return health.out();
  }

  private String get(String path, String token) {
    return curl(path, token).out();
  }

  private Sh.Result curl(String path, String token) {
    List<String> curl =
        new ArrayList<>(List.of("ip", "netns", "exec", hubNs, "curl", "-s", "-m", "5"));
    if (token != null) {
      curl.add("-H");
      curl.add("Authorization: Bearer " + token);
    }
    curl.add("http://127.0.0.1:8080" + path);
    return Sh.run(SHORT, java.util.Map.of(), curl);
  }

  private String log() {
    try {
      String text = Files.readString(dir.resolve("hub.log"));
      return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    } catch (java.io.IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Sh.run(SHORT, java.util.Map.of(), command).ok();
  }

  private static String in(String ns, String... args) {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    command.addAll(List.of(args));
    return Sh.run(SHORT, java.util.Map.of(), command).ok().out();
  }
}
