package io.hearth.adapters.onvif;

import io.hearth.runtime.discovery.DiscoveryInterfaces;
import io.hearth.runtime.discovery.Sighting;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WS-Discovery for ONVIF cameras on one dedicated thread: a Probe to 239.255.255.250:3702 on each
 * IPv4 interface {@code discovery.interfaces} selects, sent from a socket bound to that interface's
 * address (never the default route's), every probe interval; and a listener for the Hello a camera
 * sends when it joins or moves. Datagrams are bounded at 64 KiB and parsed by {@link
 * DiscoveryMessages}; anything refused is logged (rate-limited) and dropped, and the thread goes
 * on.
 */
final class WsDiscovery {
  static final String GROUP = "239.255.255.250";
  static final int PORT = 3702;
  private static final Logger LOG = LoggerFactory.getLogger(WsDiscovery.class);
  private static final int MAX_PER_WAKEUP = 64;
  private static final int RECENT_PROBES = 16;

  private final DiscoveryInterfaces interfaces;
  private final long intervalNanos;
  private final Consumer<Sighting> inbox;
  private final ByteBuffer buffer = ByteBuffer.allocate(DiscoveryMessages.MAX_DATAGRAM);
  private final Deque<String> recentProbes = new ArrayDeque<>();
  private final List<InterfaceAddress> networks = new ArrayList<>();
  private final AtomicLong refused = new AtomicLong();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final Refusals refusals = new Refusals(LOG);
  private Selector selector;
  private List<String> openedFor = List.of();
  private volatile boolean running;
  private volatile boolean probeNow = true;
  private Thread thread;

  WsDiscovery(DiscoveryInterfaces interfaces, int intervalSeconds, Consumer<Sighting> inbox) {
    this.interfaces = interfaces;
    this.intervalNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
    this.inbox = inbox;
  }

  /** Starts the discovery thread; the first probe goes out at once. */
  void start() throws IOException {
    selector = Selector.open();
    running = true;
    thread = new Thread(this::run, "onvif-discovery");
    thread.setDaemon(true);
    thread.start();
  }

  /** Sends a probe round now instead of at the next interval. */
  void probe() {
    probeNow = true;
    Selector s = selector;
    if (s != null) {
      s.wakeup();
    }
  }

  /** Messages refused so far (malformed, unsolicited or from outside the chosen networks). */
  long refused() {
    return refused.get();
  }

  /** Stops the thread and closes its sockets; completes once it has. */
  CompletableFuture<Void> stop() {
    running = false;
    if (selector != null) {
      selector.wakeup();
    } else {
      stopped.complete(null);
    }
    return stopped;
  }

  private void run() {
    long nextProbe = System.nanoTime();
    try {
      while (running) {
        long now = System.nanoTime();
        if (probeNow || now - nextProbe >= 0) {
          probeNow = false;
          nextProbe = now + intervalNanos;
          probeRound();
        }
        long waitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextProbe - System.nanoTime()));
        selector.select(waitMs);
        for (SelectionKey key : selector.selectedKeys()) {
          drain((DatagramChannel) key.channel());
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("ONVIF discovery stopped: {}", e.toString());
    } finally {
      closeAll();
      stopped.complete(null);
    }
  }

  private void probeRound() {
    try {
      reopenIfChanged();
    } catch (IOException e) {
      LOG.warn("ONVIF discovery cannot open its sockets on {}: {}", interfaces, e.getMessage());
      return;
    }
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof NetworkInterface nic) {
        sendProbes((DatagramChannel) key.channel(), nic);
      }
    }
  }

  private void sendProbes(DatagramChannel channel, NetworkInterface nic) {
    InetSocketAddress group = new InetSocketAddress(GROUP_ADDRESS, PORT);
    for (boolean device : new boolean[] {false, true}) {
      String id = DiscoveryMessages.newMessageId();
      remember(id);
      try {
        channel.send(ByteBuffer.wrap(DiscoveryMessages.probe(id, device)), group);
      } catch (IOException e) {
        LOG.warn("ONVIF discovery cannot probe on {}: {}", nic.getName(), e.getMessage());
      }
    }
  }

  private void remember(String messageId) {
    recentProbes.addLast(messageId);
    while (recentProbes.size() > RECENT_PROBES) {
      recentProbes.removeFirst();
    }
  }

  private void drain(DatagramChannel channel) throws IOException {
    for (int i = 0; i < MAX_PER_WAKEUP; i++) {
      buffer.clear();
      SocketAddress from = channel.receive(buffer);
      if (from == null) {
        return;
      }
      handle(buffer.array(), buffer.position(), ((InetSocketAddress) from).getAddress());
    }
  }

  private void handle(byte[] data, int length, InetAddress sender) {
    if (!onChosenNetwork(sender)) {
      refuse(sender, "it came from outside the networks discovery.interfaces chose");
      return;
    }
    List<Announcement> announcements;
    try {
      announcements = DiscoveryMessages.parse(data, length);
    } catch (OnvifXmlException e) {
      refuse(sender, e.getMessage());
      return;
    }
    for (Announcement a : announcements) {
      accept(a, sender);
    }
  }

  private void accept(Announcement a, InetAddress sender) {
    if (a.kind() == Announcement.Kind.PROBE_MATCH && !recentProbes.contains(a.relatesTo())) {
      refuse(sender, "it answers a Probe the hub did not send");
      return;
    }
    if (a.kind() == Announcement.Kind.BYE) {
      LOG.debug("ONVIF device {} at {} said Bye", a.endpoint(), sender.getHostAddress());
      return;
    }
    if (!a.isOnvifDevice() && a.kind() == Announcement.Kind.HELLO) {
      return;
    }
    if (a.xaddrs().isEmpty()) {
      probeNow = true; // a Hello without addresses: the next ProbeMatch will carry them
      return;
    }
    Sightings.of(a, sender)
        .ifPresentOrElse(
            inbox,
            () -> refuse(sender, "it announces no service address on its own host " + sender));
  }

  private void refuse(InetAddress sender, String why) {
    refused.incrementAndGet();
    refusals.log(sender.getHostAddress(), why);
  }

  private boolean onChosenNetwork(InetAddress sender) {
    byte[] addr = sender.getAddress();
    for (InterfaceAddress net : networks) {
      byte[] own = net.getAddress().getAddress();
      if (own.length == addr.length && samePrefix(own, addr, net.getNetworkPrefixLength())) {
        return true;
      }
    }
    return false;
  }

  private static boolean samePrefix(byte[] a, byte[] b, int bits) {
    for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
      int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
      if ((a[i] & mask) != (b[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** Re-reads the chosen interfaces; reopens the sockets if they changed. */
  private void reopenIfChanged() throws IOException {
    List<NetworkInterface> chosen = new ArrayList<>();
    List<String> signature = new ArrayList<>();
    List<InterfaceAddress> nets = new ArrayList<>();
    for (NetworkInterface nic : interfaces.select()) {
      for (InterfaceAddress ia : nic.getInterfaceAddresses()) {
        if (ia.getAddress() instanceof Inet4Address) {
          chosen.add(nic);
          nets.add(ia);
          signature.add(nic.getName() + "/" + ia.getAddress().getHostAddress());
          break;
        }
      }
    }
    if (signature.equals(openedFor)) {
      return;
    }
    closeAll();
    networks.clear();
    networks.addAll(nets);
    openedFor = signature;
    if (chosen.isEmpty()) {
      LOG.warn("ONVIF discovery: no IPv4 interface matches discovery.interfaces={}", interfaces);
      return;
    }
    openListener(chosen);
    for (int i = 0; i < chosen.size(); i++) {
      openProber(chosen.get(i), nets.get(i).getAddress());
    }
    LOG.info("ONVIF discovery probing on {}", signature);
  }

  private void openListener(List<NetworkInterface> chosen) {
    try {
      DatagramChannel listener = DatagramChannel.open(StandardProtocolFamily.INET);
      listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      listener.bind(new InetSocketAddress(GROUP_ADDRESS, PORT));
      for (NetworkInterface nic : chosen) {
        listener.join(GROUP_ADDRESS, nic);
      }
      listener.configureBlocking(false);
      listener.register(selector, SelectionKey.OP_READ, "listener");
    } catch (IOException e) {
      LOG.warn(
          "ONVIF discovery cannot listen for Hello on port {} ({}); cameras are found by probing"
              + " only",
          PORT,
          e.getMessage());
    }
  }

  private void openProber(NetworkInterface nic, InetAddress own) throws IOException {
    DatagramChannel prober = DatagramChannel.open(StandardProtocolFamily.INET);
    prober.setOption(StandardSocketOptions.IP_MULTICAST_IF, nic);
    prober.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
    prober.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, false);
    prober.bind(new InetSocketAddress(own, 0));
    prober.configureBlocking(false);
    prober.register(selector, SelectionKey.OP_READ, nic);
  }

  private void closeAll() {
    for (SelectionKey key : selector.keys()) {
      key.cancel();
      try {
        key.channel().close();
      } catch (IOException e) {
        LOG.debug("closing an ONVIF discovery socket: {}", e.getMessage());
      }
    }
    if (!running) {
      try {
        selector.close();
      } catch (IOException e) {
        LOG.debug("closing the ONVIF discovery selector: {}", e.getMessage());
      }
    }
  }

  private static final InetAddress GROUP_ADDRESS = group();

  private static InetAddress group() {
    try {
      return InetAddress.getByName(GROUP);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
