package io.hearth.adapters.mjpeg.sim;

import io.hearth.runtime.camera.Camera;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A camera in software for demos and tests: an HTTP server with an MJPEG stream at {@value
 * #VIDEO_PATH} and a JPEG at {@value #SNAPSHOT_PATH}, optionally behind Basic auth. One JPEG is
 * encoded per tick on a worker thread, only while someone watches, and the same bytes go to every
 * client; a client that cannot keep up skips frames rather than queueing them.
 */
public final class SimulatedMjpegCamera {
  public static final String VIDEO_PATH = "/video.mjpg";
  public static final String SNAPSHOT_PATH = "/snapshot.jpg";
  static final String BOUNDARY = "hearthsimframe";

  private final Vertx vertx;
  private final SimulatedCameraOptions options;
  private final FrameRenderer renderer;
  // The picture shows the wall-clock time of the machine it runs on, like a real camera's overlay.
  private final Clock clock = Clock.system(ZoneId.systemDefault());
  private final Set<HttpServerResponse> clients = new LinkedHashSet<>();
  private Context context;
  private HttpServer server;
  private long timer = -1;
  private boolean rendering;
  private long frameNumber;

  public SimulatedMjpegCamera(Vertx vertx, SimulatedCameraOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.renderer = new FrameRenderer(options.width(), options.height(), 0.7f);
  }

  /** Binds the server; completes with this camera once it listens. */
  public Future<SimulatedMjpegCamera> start() {
    Promise<SimulatedMjpegCamera> started = Promise.promise();
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> listen(started));
    return started.future();
  }

  private void listen(Promise<SimulatedMjpegCamera> started) {
    HttpServerOptions serverOptions =
        new HttpServerOptions().setHost(options.host()).setPort(options.port());
    vertx
        .createHttpServer(serverOptions)
        .requestHandler(this::handle)
        .listen()
        .onSuccess(
            bound -> {
              server = bound;
              timer = vertx.setPeriodic(1000L / options.fps(), id -> tick());
              started.complete(this);
            })
        .onFailure(started::fail);
  }

  /** The bound TCP port (useful when configured with port 0). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  public URI videoUrl() {
    return URI.create("http://" + options.host() + ":" + actualPort() + VIDEO_PATH);
  }

  public URI snapshotUrl() {
    return URI.create("http://" + options.host() + ":" + actualPort() + SNAPSHOT_PATH);
  }

  /** How many frames were encoded so far (shared by all clients). */
  public synchronized long framesEncoded() {
    return frameNumber;
  }

  /** Stops the ticks, ends every stream and closes the server. */
  public Future<Void> close() {
    if (context == null) {
      return Future.succeededFuture();
    }
    Promise<Void> closed = Promise.promise();
    context.runOnContext(v -> shutDown().onComplete(closed));
    return closed.future();
  }

  private Future<Void> shutDown() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    new ArrayList<>(clients).forEach(response -> response.reset());
    clients.clear();
    return server == null ? Future.succeededFuture() : server.shutdown(1, TimeUnit.SECONDS);
  }

  private void handle(HttpServerRequest request) {
    if (!authorized(request)) {
      request
          .response()
          .setStatusCode(401)
          .putHeader("WWW-Authenticate", "Basic realm=\"Hearth simulated camera\"")
          .end("credentials required");
      return;
    }
    switch (request.path()) {
      case VIDEO_PATH -> stream(request.response());
      case SNAPSHOT_PATH -> snapshot(request.response());
      default -> request.response().setStatusCode(404).end("no such path");
    }
  }

  private boolean authorized(HttpServerRequest request) {
    Camera.Credentials credentials = options.credentials();
    if (credentials == null) {
      return true;
    }
    String pair = credentials.username() + ":" + credentials.password();
    String expected = "Basic " + Base64.getEncoder().encodeToString(utf8(pair));
    String actual = String.valueOf(request.getHeader(HttpHeaders.AUTHORIZATION));
    return MessageDigest.isEqual(utf8(expected), utf8(actual));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void stream(HttpServerResponse response) {
    response
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "multipart/x-mixed-replace;boundary=" + BOUNDARY)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .writeHead();
    clients.add(response);
    response.closeHandler(v -> clients.remove(response));
    response.exceptionHandler(e -> clients.remove(response));
  }

  private void snapshot(HttpServerResponse response) {
    encode()
        .onSuccess(
            jpeg ->
                response
                    .putHeader(HttpHeaders.CONTENT_TYPE, "image/jpeg")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
                    .end(Buffer.buffer(jpeg)))
        .onFailure(e -> response.setStatusCode(500).end("could not render: " + e.getMessage()));
  }

  private void tick() {
    if (rendering || clients.isEmpty()) {
      return;
    }
    rendering = true;
    encode()
        .onComplete(
            ar -> {
              rendering = false;
              if (ar.succeeded()) {
                broadcast(part(ar.result()));
              }
            });
  }

  private Future<byte[]> encode() {
    return context.executeBlocking(
        () -> {
          long number;
          synchronized (this) {
            number = frameNumber++;
          }
          return renderer.render(number, LocalTime.now(clock));
        },
        false);
  }

  private static Buffer part(byte[] jpeg) {
    String head =
        "--"
            + BOUNDARY
            + "\r\nContent-Type: image/jpeg\r\nContent-Length: "
            + jpeg.length
            + "\r\n\r\n";
    return Buffer.buffer(head).appendBytes(jpeg).appendString("\r\n");
  }

  private void broadcast(Buffer part) {
    for (HttpServerResponse client : clients) {
      if (!client.writeQueueFull()) {
        client.write(part);
      }
    }
  }
}
