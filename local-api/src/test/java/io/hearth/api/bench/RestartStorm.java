package io.hearth.api.bench;

import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.GstCamera;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Many paired displays watching real RTSP cameras (GStreamer) through a hub in its own process,
 * which is then killed with SIGKILL and started again on the same data directory and port, as
 * systemd would after a crash. Each display is a {@link DisplayTile} that reconnects as the display
 * page does; {@link #restart} measures, for every one, the time from the hub's first healthy {@code
 * GET /api/v1/health} to its first verified MEDIA chunk of a session opened after the kill.
 */
final class RestartStorm implements AutoCloseable {
  /** Chromium's limit of HTTP/1.1 connections per host. */
  private static final int BROWSER_CONNECTIONS_PER_HOST = 6;

  private static final String[] PATTERNS = {"smpte", "ball", "snow", "pinwheel", "gradient"};

  private final List<GstCamera> cameras = new ArrayList<>();
  private final List<String> cameraIds = new ArrayList<>();
  private final List<String> sets;
  private final Vertx vertx = Vertx.vertx();
  private final List<DisplayTile> tiles = new ArrayList<>();
  private final List<String> tokens = new ArrayList<>();
  private final Path data;
  private BenchHub hub;

  private RestartStorm(Path work, List<String> sets) throws Exception {
    this.sets = new ArrayList<>(sets);
    // At home every display is its own address; here all are 127.0.0.1, which would otherwise
    // meet the per-address limit (64) that one real host meets.
    this.sets.add("connections.http.max-per-address=100000");
    this.data = Files.createTempDirectory(work, "hub-");
  }

  /**
   * Starts {@code cameraCount} cameras and a hub, pairs {@code viewers} displays (display i may see
   * camera i mod cameraCount) and starts each one's tile.
   */
  static RestartStorm start(Path work, int cameraCount, int viewers, List<String> sets)
      throws Exception {
    RestartStorm storm = new RestartStorm(work, sets);
    try {
      storm.startCameras(cameraCount);
      storm.hub = BenchHub.start(storm.data, work.resolve("hub.log"), storm.sets);
      for (int i = 0; i < cameraCount; i++) {
        storm.cameraIds.add(storm.hub.addCamera("Camera " + i, storm.cameras.get(i).url()));
      }
      storm.pair(viewers);
      return storm;
    } catch (Exception | Error e) {
      storm.close();
      throw e;
    }
  }

  private void startCameras(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      cameras.add(
          GstCamera.builder()
              .codec("h264")
              .pattern(PATTERNS[i % PATTERNS.length])
              .format("I420")
              .start());
    }
  }

  private void pair(int viewers) throws Exception {
    for (int i = 0; i < viewers; i++) {
      String camera = cameraIds.get(i % cameraIds.size());
      String token = hub.pairDisplay(displayName(i), List.of(camera));
      tokens.add(token);
      HttpClient http =
          vertx.createHttpClient(
              new HttpClientOptions().setConnectTimeout(2000),
              new PoolOptions().setHttp1MaxSize(BROWSER_CONNECTIONS_PER_HOST));
      WebSocketClient ws =
          vertx.createWebSocketClient(
              new WebSocketClientOptions().setMaxFrameSize(1 << 24).setMaxMessageSize(1 << 24));
      tiles.add(new DisplayTile(vertx, http, ws, hub.httpPort(), token, camera));
    }
    tiles.forEach(DisplayTile::start);
  }

  static String displayName(int index) {
    return "Display " + index;
  }

  List<DisplayTile> tiles() {
    return tiles;
  }

  Path database() {
    return data.resolve("hearth.db");
  }

  /** Waits until every tile has streamed in an attempt begun after {@code since} (nanoTime). */
  void awaitStreaming(long since, Duration limit) throws InterruptedException {
    awaitTiles(tile -> streamedSince(tile, since), limit);
  }

  /** Waits until {@code done} holds for every tile, or the limit passes; false then. */
  boolean awaitTiles(Predicate<DisplayTile> done, Duration limit) throws InterruptedException {
    return Eventually.holdsWithin(limit, () -> tiles.stream().allMatch(done));
  }

  static boolean streamedSince(DisplayTile tile, long since) {
    return tile.attempts.stream().anyMatch(a -> a.started > since && a.streamed());
  }

  /**
   * Kills the hub (SIGKILL), runs {@code whileDown} on the stopped hub's database, waits {@code
   * restartDelay} (systemd's RestartSec; the Debian unit has 5 s), starts the hub again and waits
   * until it answers health; then, at most {@code limit}, until every tile streams again, or, for
   * the tiles {@code withdrawn} names, until the hub refused it (401 or 403). Returns what each
   * tile did.
   */
  RestartRound restart(
      StoreEdit whileDown, Duration restartDelay, Predicate<DisplayTile> withdrawn, Duration limit)
      throws Exception {
    long killed = System.nanoTime();
    long killedWall = System.currentTimeMillis();
    hub.kill();
    whileDown.apply(database());
    Thread.sleep(Math.max(0, restartDelay.toMillis() - (System.nanoTime() - killed) / 1_000_000));
    long relaunched = System.nanoTime();
    hub = hub.relaunch(sets);
    long healthy = awaitHealthy(Duration.ofSeconds(60));
    long healthyWall = System.currentTimeMillis();
    awaitTiles(
        tile -> withdrawn.test(tile) ? refusedSince(tile, killed) : streamedSince(tile, killed),
        limit);
    hub.awaitStarted();
    return RestartRound.of(tiles, killed, relaunched, healthy, killedWall, healthyWall);
  }

  private static boolean refusedSince(DisplayTile tile, long since) {
    return tile.attempts.stream()
        .anyMatch(a -> a.started > since && (a.sessionStatus == 401 || a.sessionStatus == 403));
  }

  /** Polls {@code GET /api/v1/health} every 10 ms; the nanoTime of its first 200. */
  private long awaitHealthy(Duration limit) throws Exception {
    java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    URI health = URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/v1/health");
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(1)).build();
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return System.nanoTime();
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("the hub did not answer health within " + limit);
  }

  @Override
  public void close() throws Exception {
    tiles.forEach(DisplayTile::stop);
    if (hub != null) {
      hub.close();
    }
    vertx.close().await();
    for (GstCamera camera : cameras) {
      camera.close();
    }
  }

  /** A change to the store made while the hub is down (a revocation an owner made elsewhere). */
  interface StoreEdit {
    StoreEdit NONE = db -> {};

    void apply(Path database) throws Exception;
  }
}
