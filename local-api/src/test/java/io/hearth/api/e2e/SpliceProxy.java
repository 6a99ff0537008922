package io.hearth.api.e2e;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A man in the middle on loopback, for splice tests: forwards the page's HTTP and WebSocket traffic
 * to the hub's plain-HTTP port, and can slip extra chunks into a stream the page watches, as a
 * confused cache or relay would.
 */
final class SpliceProxy implements AutoCloseable {
  private static final String STREAMS = "/api/v1/streams/";
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length");

  private final Vertx vertx;
  private final int hubPort;
  private final HttpClient client;
  private final WebSocketClient sockets;
  private final List<Relay> relays = new CopyOnWriteArrayList<>();
  private HttpServer server;

  SpliceProxy(Vertx vertx, int hubPort) {
    this.vertx = vertx;
    this.hubPort = hubPort;
    this.client = vertx.createHttpClient();
    this.sockets =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxMessageSize(1 << 24).setMaxFrameSize(1 << 24));
  }

  Future<SpliceProxy> start() {
    return vertx
        .createHttpServer()
        .requestHandler(this::handle)
        .listen(0, "127.0.0.1")
        .map(
            bound -> {
              server = bound;
              return this;
            });
  }

  String origin() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The stream sockets relayed so far, oldest first. */
  List<Relay> relays() {
    return List.copyOf(relays);
  }

  private void handle(HttpServerRequest request) {
    if (request.path().startsWith(STREAMS) && request.canUpgradeToWebSocket()) {
      relay(request);
    } else {
      forward(request);
    }
  }

  private void forward(HttpServerRequest request) {
    request
        .body()
        .compose(
            body ->
                client
                    .request(
                        new RequestOptions()
                            .setMethod(request.method())
                            .setHost("127.0.0.1")
                            .setPort(hubPort)
                            .setURI(request.uri()))
                    .compose(
                        out -> {
                          copy(request.headers(), out.headers());
                          return out.send(body);
                        }))
        .compose(answer -> answer.body().map(body -> reply(request, answer, body)))
        .onFailure(e -> request.response().setStatusCode(502).end(String.valueOf(e)));
  }

  private static Void reply(HttpServerRequest request, HttpClientResponse answer, Buffer body) {
    copy(answer.headers(), request.response().headers());
    request.response().setStatusCode(answer.statusCode()).end(body);
    return null;
  }

  private static MultiMap copy(MultiMap from, MultiMap to) {
    from.forEach(
        (name, value) -> {
          if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            to.add(name, value);
          }
        });
    return to;
  }

  private void relay(HttpServerRequest request) {
    request.pause();
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(hubPort).setURI(request.uri());
    sockets
        .connect(options)
        .onFailure(e -> request.response().setStatusCode(401).end())
        .onSuccess(
            upstream -> {
              // The hub starts sending at once; hold its chunks until the page's side is ready.
              upstream.pause();
              request
                  .toWebSocket()
                  .onSuccess(
                      page -> relays.add(new Relay(vertx.getOrCreateContext(), page, upstream)))
                  .onFailure(e -> upstream.close());
            });
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    client.close();
    sockets.close();
  }

  /** One page socket and the hub socket behind it. */
  static final class Relay {
    private final Context context;
    private final ServerWebSocket page;
    private final List<byte[]> forwarded = new CopyOnWriteArrayList<>();

    Relay(Context context, ServerWebSocket page, WebSocket upstream) {
      this.context = context;
      this.page = page;
      upstream.binaryMessageHandler(
          chunk -> {
            forwarded.add(chunk.getBytes());
            page.writeBinaryMessage(chunk);
          });
      upstream.closeHandler(
          v -> {
            Short code = upstream.closeStatusCode();
            page.close(code == null ? (short) 1000 : code, upstream.closeReason());
          });
      page.closeHandler(v -> upstream.close());
      upstream.resume();
    }

    /** Cuts the stream as a failing network would: the page sees code 1011, the hub a close. */
    Future<Void> cut() {
      return onContext(() -> page.close((short) 1011, "cut"));
    }

    /** The session id in the header of the first chunk. */
    String sessionId() {
      byte[] chunk = forwarded.get(0);
      return new String(chunk, 5, chunk[4] & 0xff, StandardCharsets.US_ASCII);
    }

    /** Chunks the hub sent on this socket so far. */
    List<byte[]> forwarded() {
      return List.copyOf(forwarded);
    }

    /** Writes {@code chunk} to the page between two of the hub's chunks. */
    Future<Void> inject(byte[] chunk) {
      return inject(chunk, 1);
    }

    /** Writes {@code chunk} {@code times} times in a row, with no chunk of the hub's between. */
    Future<Void> inject(byte[] chunk, int times) {
      return onContext(
          () -> {
            for (int i = 1; i < times; i++) {
              write(chunk);
            }
            return write(chunk);
          });
    }

    private Future<Void> onContext(Supplier<Future<Void>> work) {
      Promise<Void> done = Promise.promise();
      context.runOnContext(v -> work.get().onComplete(done));
      return done.future();
    }

    private Future<Void> write(byte[] chunk) {
      return page.writeBinaryMessage(Buffer.buffer(chunk));
    }

    /**
     * A forgery: this stream's own header (its session, its camera, the very next sequence number)
     * in front of another chunk's ciphertext. Built on the relay's context so no hub chunk slips in
     * between reading the count and writing.
     */
    Future<Void> injectForged(byte[] foreign) {
      return onContext(() -> forge(foreign));
    }

    private Future<Void> forge(byte[] foreign) {
      byte[] own = forwarded.get(0);
      int ownHeader = headerLength(own);
      int foreignHeader = headerLength(foreign);
      ByteBuffer chunk = ByteBuffer.allocate(ownHeader + foreign.length - foreignHeader);
      chunk.put(own, 0, ownHeader - 8).putLong(forwarded.size());
      chunk.put(foreign, foreignHeader, foreign.length - foreignHeader);
      chunk.put(3, foreign[3]);
      return write(chunk.array());
    }
  }

  /** Header length of a sealed chunk: magic, version, kind, both ids, sequence number. */
  static int headerLength(byte[] chunk) {
    int session = chunk[4] & 0xff;
    int camera = chunk[5 + session] & 0xff;
    return 6 + session + camera + 8;
  }
}
