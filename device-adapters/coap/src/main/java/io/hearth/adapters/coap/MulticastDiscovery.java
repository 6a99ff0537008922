package io.hearth.adapters.coap;

import io.hearth.adapters.coap.codec.CoapCodecException;
import io.hearth.adapters.coap.codec.LinkFormat;
import io.hearth.adapters.coap.codec.WebLink;
import io.hearth.runtime.discovery.Sighting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoAP multicast discovery (RFC 7252 section 12.8): a NON {@code GET /.well-known/core} to
 * 224.0.1.187 and ff02::fd, sent only on the configured interface and only when enabled, again
 * every {@code coap.discovery-interval-seconds}. Every answer is handed to the hub's discovery
 * inbox (as a {@link Sighting}), untrusted until the owner adopts it; the inbox bounds how many
 * wait. Answers are parsed with the bounded link-format codec.
 */
public final class MulticastDiscovery {
  static final String IPV4_GROUP = "224.0.1.187";
  static final String IPV6_GROUP = "ff02::fd";
  private static final Logger LOG = LoggerFactory.getLogger(MulticastDiscovery.class);

  private final Vertx vertx;
  private final CoapSettings settings;
  private final int port;
  private final List<DatagramSocket> sockets = new ArrayList<>();
  private final SecureRandom random = new SecureRandom();
  private final Consumer<Sighting> sightings;
  private byte[] token = new byte[0];
  private long timer = -1;

  MulticastDiscovery(Vertx vertx, CoapSettings settings, Consumer<Sighting> sightings) {
    this(vertx, settings, CoAP.DEFAULT_COAP_PORT, sightings);
  }

  MulticastDiscovery(Vertx vertx, CoapSettings settings, int port, Consumer<Sighting> sightings) {
    this.vertx = vertx;
    this.settings = settings;
    this.port = port;
    this.sightings = sightings;
  }

  /** Opens the sockets, sends a first round and schedules the next; nothing unless enabled. */
  Future<Void> start() {
    if (!settings.multicastDiscovery()) {
      return Future.succeededFuture();
    }
    String name = settings.multicastInterface();
    try {
      if (NetworkInterface.getByName(name) == null) {
        return Future.failedFuture(
            new IllegalArgumentException("coap.multicast-interface: no interface named " + name));
      }
    } catch (SocketException e) {
      return Future.failedFuture(e);
    }
    return Future.join(open(false), open(true))
        .compose(v -> discover())
        .onSuccess(v -> timer = vertx.setPeriodic(settings.discoveryIntervalMs(), id -> again()));
  }

  private void again() {
    if (!sockets.isEmpty()) {
      discover().onFailure(e -> LOG.warn("CoAP discovery: could not ask: {}", e.getMessage()));
    }
  }

  private Future<Void> open(boolean ipv6) {
    DatagramSocketOptions options =
        new DatagramSocketOptions()
            .setIpV6(ipv6)
            .setMulticastNetworkInterface(settings.multicastInterface());
    DatagramSocket socket = vertx.createDatagramSocket(options);
    socket.handler(this::answer);
    return socket
        .listen(0, ipv6 ? "::" : ipv4Source())
        .onSuccess(sockets::add)
        .onFailure(
            e -> LOG.warn("CoAP discovery: no IPv{} socket: {}", ipv6 ? 6 : 4, e.getMessage()))
        .mapEmpty();
  }

  /**
   * The chosen interface's IPv4 address to send from, else any. Linux sends multicast out of the
   * interface that owns the socket's source address, whichever transport Vert.x runs on (Netty's
   * epoll datagram channel does not apply the interface option to IPv4 multicast the way NIO does).
   */
  private String ipv4Source() {
    try {
      NetworkInterface nic = NetworkInterface.getByName(settings.multicastInterface());
      if (nic != null) {
        for (java.net.InterfaceAddress address : nic.getInterfaceAddresses()) {
          if (address.getAddress() instanceof java.net.Inet4Address v4) {
            return v4.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      LOG.debug("CoAP discovery: cannot read the interface's addresses", e);
    }
    return "0.0.0.0";
  }

  /** Sends one discovery request to each group; answers go to the hub's discovery inbox. */
  public Future<Void> discover() {
    if (sockets.isEmpty()) {
      return Future.failedFuture(new IllegalStateException("CoAP multicast discovery is off"));
    }
    token = new byte[4];
    random.nextBytes(token);
    List<Future<Void>> sent = new ArrayList<>();
    for (DatagramSocket socket : sockets) {
      boolean ipv6 = socket.localAddress().host().contains(":");
      String group = ipv6 ? IPV6_GROUP : IPV4_GROUP;
      sent.add(socket.send(Buffer.buffer(request(group)), port, group));
    }
    return Future.any(sent).mapEmpty();
  }

  /** The local ports answers come back to, for tests that send to them. */
  List<Integer> ports() {
    return sockets.stream().map(s -> s.localAddress().port()).toList();
  }

  private byte[] request(String group) {
    Request request = Request.newGet();
    request.setType(CoAP.Type.NON);
    request.setMID(random.nextInt(1 << 16));
    request.setToken(Token.fromProvider(token));
    request.getOptions().setUriPath(".well-known/core");
    request.setDestinationContext(new AddressEndpointContext(new InetSocketAddress(group, port)));
    return new UdpDataSerializer().serializeRequest(request).getBytes();
  }

  private void answer(DatagramPacket packet) {
    String from = "coap://" + hostPort(packet);
    try {
      Message message = new UdpDataParser().parseMessage(packet.data().getBytes());
      if (!(message instanceof Response response) || !response.getCode().isSuccess()) {
        return;
      }
      if (!java.util.Arrays.equals(response.getTokenBytes(), token)) {
        return;
      }
      List<WebLink> links =
          new LinkFormat(settings.maxPayloadBytes(), LinkFormat.DEFAULT_MAX_LINKS)
              .parse(response.getPayload());
      sightings.accept(CoapSightings.of(hostPort(packet), links));
    } catch (CoapCodecException | RuntimeException e) {
      LOG.debug("CoAP discovery: ignoring a bad answer from {}: {}", from, e.getMessage());
    }
  }

  private static String hostPort(DatagramPacket packet) {
    return bracket(packet.sender().host()) + ":" + packet.sender().port();
  }

  private static String bracket(String host) {
    String bare = host.contains("%") ? host.substring(0, host.indexOf('%')) : host;
    return bare.contains(":") ? "[" + bare + "]" : bare;
  }

  Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    List<Future<Void>> closed = new ArrayList<>();
    sockets.forEach(s -> closed.add(s.close()));
    sockets.clear();
    return Future.join(closed).mapEmpty();
  }
}
