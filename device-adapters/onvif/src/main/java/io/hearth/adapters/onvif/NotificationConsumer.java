package io.hearth.adapters.onvif;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's endpoint for ONVIF notifications: {@code POST /onvif/events/<token>}, one secret token
 * per subscription. A message is refused (one log line, rate-limited) unless its token is live, it
 * comes from the address of the camera the token was given to, it is within {@code
 * onvif.max-response-bytes} and safe XML, and its subscription accepts it ({@link Notified}).
 */
final class NotificationConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationConsumer.class);
  static final String PATH = "/onvif/events/";
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Receiver(String host, Notified owner) {}

  private final Vertx vertx;
  private final int maxBytes;
  private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();
  private final Refusals refusals = new Refusals(LOG, "ONVIF events (notifications)");
  private final int port;
  private final java.util.function.IntConsumer bound;
  private HttpServer server;
  private Future<Integer> listening;

  /**
   * An endpoint that will listen on {@code port} (0: a free one) once a subscription needs it,
   * telling {@code bound} the port it got.
   */
  NotificationConsumer(Vertx vertx, int maxBytes, int port, java.util.function.IntConsumer bound) {
    this.vertx = vertx;
    this.maxBytes = maxBytes;
    this.port = port;
    this.bound = bound;
  }

  /** Listens on every address, the first time it is asked; answers the port bound. */
  synchronized Future<Integer> listen() {
    if (listening == null) {
      server = vertx.createHttpServer(new HttpServerOptions().setMaxHeaderSize(8192));
      listening =
          server
              .requestHandler(this::handle)
              .listen(port)
              .map(HttpServer::actualPort)
              .onSuccess(bound::accept);
    }
    return listening;
  }

  synchronized Future<Void> stop() {
    return listening == null ? Future.succeededFuture() : server.close();
  }

  /** A fresh token for a subscription of the camera at {@code host}. */
  String register(String host, Notified owner) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    receivers.put(token, new Receiver(host, owner));
    return token;
  }

  void unregister(String token) {
    receivers.remove(token);
  }

  /** The consumer address the camera at {@code host} reaches for {@code token}. */
  Future<String> url(String host, String token) {
    return listen()
        .compose(
            bound ->
                vertx.executeBlocking(
                    () -> {
                      InetAddress local = localToward(InetAddress.getByName(host));
                      String h = local.getHostAddress();
                      String literal = h.contains(":") ? "[" + h.replaceFirst("%.*$", "") + "]" : h;
                      return "http://" + literal + ":" + bound + PATH + token;
                    },
                    false));
  }

  /** The hub's own address on the route to {@code camera} (no packet is sent). */
  private static InetAddress localToward(InetAddress camera) throws java.io.IOException {
    try (DatagramSocket probe = new DatagramSocket()) {
      probe.connect(new InetSocketAddress(camera, 9));
      return probe.getLocalAddress();
    }
  }

  private void handle(HttpServerRequest request) {
    String from = request.remoteAddress().hostAddress();
    String path = request.path();
    Receiver receiver = path.startsWith(PATH) ? receivers.get(path.substring(PATH.length())) : null;
    if (receiver == null || request.method() != io.vertx.core.http.HttpMethod.POST) {
      refuse(request, 404, from, "no live subscription has that address");
      return;
    }
    String token = path.substring(PATH.length());
    read(request, from).onSuccess(body -> check(request, receiver, token, from, body));
  }

  private Future<Buffer> read(HttpServerRequest request, String from) {
    io.vertx.core.Promise<Buffer> done = io.vertx.core.Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(
        chunk -> {
          if (done.future().isComplete()) {
            return;
          }
          if (body.length() + chunk.length() > maxBytes) {
            done.tryFail("too large");
            refuse(
                request, 413, from, "more than " + maxBytes + " bytes (onvif.max-response-bytes)");
            request.connection().close();
          } else {
            body.appendBuffer(chunk);
          }
        });
    request.exceptionHandler(e -> done.tryFail(e));
    request.endHandler(v -> done.tryComplete(body));
    return done.future();
  }

  private void check(
      HttpServerRequest request, Receiver receiver, String token, String from, Buffer body) {
    vertx
        .executeBlocking(() -> parse(receiver.host(), from, body), false)
        .onSuccess(
            read -> {
              if (receiver.owner().notified(token, read)) {
                request.response().setStatusCode(200).end();
              } else {
                refuse(request, 403, from, "it names another subscription or an old one");
              }
            })
        .onFailure(e -> refuse(request, 400, from, e.getMessage()));
  }

  private static MotionMessages.Read parse(String host, String from, Buffer body)
      throws java.io.IOException {
    if (!InetAddress.getByName(host).equals(InetAddress.getByName(from))) {
      throw new OnvifXmlException("it came from " + from + ", not from the camera's address");
    }
    byte[] bytes = body.getBytes();
    var soapBody = Soap.body(SafeXml.parse(bytes, bytes.length, Integer.MAX_VALUE));
    var notify =
        SafeXml.child(soapBody, Namespaces.WSNT, "Notify")
            .orElseThrow(() -> new OnvifXmlException("it is not a Notify message"));
    return MotionMessages.read(notify);
  }

  private void refuse(HttpServerRequest request, int status, String from, String why) {
    refusals.log(from, why);
    if (!request.response().ended() && !request.response().closed()) {
      request.response().setStatusCode(status).end();
    }
  }
}
