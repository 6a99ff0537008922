package io.hearth.runtime.net.egress;

import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The egress ledger (promise 1: routing stays local). Before the hub connects anywhere it asks
 * here: an address on the {@link HomeNetwork} passes unrecorded; an address outside passes only if
 * the owner allowed its host ({@code egress.allowed-hosts}) or a part of the hub declared it (the
 * relay, when the owner turns it on), and is recorded; anything else is refused before a packet
 * leaves, and the refusal is recorded too. Every address a name resolves to must pass, so a name
 * cannot smuggle an outside address in among home ones.
 */
public final class Egress {
  private static final Logger LOG = LoggerFactory.getLogger(Egress.class);
  static final int KEPT = 1_000;

  private final Vertx vertx;
  private final Set<String> allowed = ConcurrentHashMap.newKeySet();
  private final Deque<EgressEntry> entries = new ArrayDeque<>();
  private volatile HomeNetwork home;
  private volatile long homeReadAt;

  public Egress(Vertx vertx, List<String> allowedHosts) {
    this.vertx = vertx;
    allowedHosts.forEach(h -> allowed.add(normal(h)));
  }

  /** Lets the hub reach {@code host} outside the home network from now on (the relay's address). */
  public void declare(String host) {
    allowed.add(normal(host));
  }

  /** The URL's host, as {@link #check(String, String, int)}; a URL without a host passes. */
  public Future<Void> check(String purpose, URI url) {
    if (url == null || url.getHost() == null) {
      return Future.succeededFuture();
    }
    return check(purpose, url.getHost(), url.getPort());
  }

  /**
   * Succeeds when the hub may connect to {@code host}; fails with a 403 {@code egress_refused}
   * otherwise. Resolves the name off the event loop.
   */
  public Future<Void> check(String purpose, String host, int port) {
    String name = normal(host);
    return vertx.executeBlocking(() -> decide(purpose, name, port), false);
  }

  /** What the ledger recorded, newest last (the last {@value #KEPT}). */
  public synchronized List<EgressEntry> entries() {
    return List.copyOf(entries);
  }

  private Void decide(String purpose, String host, int port) {
    List<InetAddress> addresses;
    try {
      addresses = Arrays.asList(InetAddress.getAllByName(host));
    } catch (UnknownHostException e) {
      throw new HubException(
          502, "unreachable", "cannot resolve " + host + "; check the name or use an address");
    }
    HomeNetwork network = home();
    List<InetAddress> outside = addresses.stream().filter(a -> !network.contains(a)).toList();
    if (outside.isEmpty()) {
      return null;
    }
    String where = host + (port > 0 ? ":" + port : "");
    String shown =
        outside.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
    if (allowed.contains(host)) {
      record(new EgressEntry(System.currentTimeMillis(), purpose, where, shown, "allowed"));
      return null;
    }
    record(new EgressEntry(System.currentTimeMillis(), purpose, where, shown, "refused"));
    LOG.warn("egress refused: {} for {} ({} is outside the home network)", where, purpose, shown);
    throw new HubException(
        403,
        "egress_refused",
        where
            + " ("
            + shown
            + ") is outside the home network, and the hub connects only inside it; if you"
            + " mean it, add the host to egress.allowed-hosts");
  }

  private HomeNetwork home() {
    long now = System.currentTimeMillis();
    if (home == null || now - homeReadAt > 60_000) {
      home = HomeNetwork.ofThisMachine(); // interfaces change (DHCP, IPv6 prefixes): reread
      homeReadAt = now;
    }
    return home;
  }

  private synchronized void record(EgressEntry entry) {
    entries.addLast(entry);
    while (entries.size() > KEPT) {
      entries.removeFirst();
    }
  }

  private static String normal(String host) {
    return host.replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
  }
}
