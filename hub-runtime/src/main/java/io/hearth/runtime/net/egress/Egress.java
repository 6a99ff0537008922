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
import java.util.Map;
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
  private final Deque<EgressConnection> connections = new ArrayDeque<>();
  private final Map<String, String> purposes = new ConcurrentHashMap<>();
  private final Set<String> warnedUnannounced = ConcurrentHashMap.newKeySet();
  private volatile HomeNetwork home;
  private volatile long homeReadAt;

  public Egress(Vertx vertx, List<String> allowedHosts) {
    this.vertx = vertx;
    allowedHosts.forEach(h -> allowed.add(normal(h)));
    // The home network is read now, off any event loop, so the first connection the meter sees
    // never waits on the interface list there.
    if (io.vertx.core.Context.isOnEventLoopThread()) {
      vertx.executeBlocking(this::home, false);
    } else {
      home();
    }
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

  /**
   * The connections the hub opened outside the home network, newest last (the last {@value #KEPT}).
   */
  public synchronized List<EgressConnection> connections() {
    return List.copyOf(connections);
  }

  /**
   * A socket to an outside address was opened (the {@link EgressMeter} saw it): recorded with the
   * purpose the ledger was told for that address; a connection nobody announced is recorded as such
   * and logged once per address, since every way out of the hub must ask first. Null for an address
   * on the home network (the interfaces as last read: no lookup on the event loop).
   */
  EgressConnection opened(InetAddress address, int port, String name, String transport) {
    HomeNetwork network = home;
    if ((network == null ? home() : network).contains(address)) {
      return null;
    }
    String shown = address.getHostAddress();
    String purpose = purposes.get(shown);
    if (purpose == null) {
      purpose = "unannounced";
      if (warnedUnannounced.add(shown)) {
        LOG.warn("a connection to {} ({}) outside the home network was not announced", shown, name);
      }
    }
    EgressConnection connection =
        new EgressConnection(System.currentTimeMillis(), purpose, shown + ":" + port, transport);
    synchronized (this) {
      connections.addLast(connection);
      while (connections.size() > KEPT) {
        connections.removeFirst();
      }
    }
    return connection;
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
      outside.forEach(a -> purposes.put(a.getHostAddress(), purpose));
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
