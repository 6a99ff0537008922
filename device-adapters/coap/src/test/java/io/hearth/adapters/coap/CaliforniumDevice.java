package io.hearth.adapters.coap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * A CoAP device in-process on Californium's server (block-wise transfers included) whose {@code
 * /.well-known/core} answers whatever a test sets: garbage, a huge document, any content format.
 * For tests of how the hub copes with a bad device.
 */
public final class CaliforniumDevice implements AutoCloseable {
  static {
    CoapConfig.register();
    UdpConfig.register();
  }

  private final CoapServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  private record Answer(byte[] payload, int contentFormat) {}

  private CaliforniumDevice() {
    Configuration config = Configuration.createStandardWithoutFile();
    server = new CoapServer(config);
    server.addEndpoint(
        new CoapEndpoint.Builder()
            .setConfiguration(config)
            .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .build());
    Resource wellKnown = server.getRoot().getChild(".well-known");
    wellKnown.delete(wellKnown.getChild("core"));
    wellKnown.add(new Scripted("core", "/.well-known/core"));
  }

  /** A started device; {@link #core} sets what it lists. */
  public static CaliforniumDevice start() {
    CaliforniumDevice device = new CaliforniumDevice();
    device.server.start();
    return device;
  }

  public String url() {
    return "coap://127.0.0.1:" + server.getEndpoints().get(0).getAddress().getPort();
  }

  /** What {@code GET /.well-known/core} answers from now on. */
  public void core(byte[] payload, int contentFormat) {
    answers.put("/.well-known/core", new Answer(payload, contentFormat));
  }

  /** Adds a resource at {@code /name} that answers this payload. */
  public void resource(String name, byte[] payload, int contentFormat) {
    answers.put("/" + name, new Answer(payload, contentFormat));
    if (server.getRoot().getChild(name) == null) {
      server.add(new Scripted(name, "/" + name));
    }
  }

  /** Answers what the test set for its path. */
  private final class Scripted extends CoapResource {
    private final String path;

    Scripted(String name, String path) {
      super(name);
      this.path = path;
    }

    @Override
    public void handleGET(CoapExchange exchange) {
      Answer answer = answers.get(path);
      if (answer == null) {
        exchange.respond(org.eclipse.californium.core.coap.CoAP.ResponseCode.NOT_FOUND);
        return;
      }
      exchange.respond(
          org.eclipse.californium.core.coap.CoAP.ResponseCode.CONTENT,
          answer.payload(),
          answer.contentFormat());
    }
  }

  @Override
  public void close() {
    server.destroy();
  }
}
