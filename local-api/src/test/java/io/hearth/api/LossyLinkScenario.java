package io.hearth.api;

import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The Xiaomi case (a cache under poor network conditions served other people's stills): displays,
 * each a host of its own (127.0.0.10, .11, ...), behind a throttled, stalling, resetting link
 * ({@link StallingLink}) watch and fetch stills of their own camera, reconnecting all the time,
 * while displays on a good link watch every camera (one of them the same camera as a poor viewer)
 * for the whole run. Run by {@code LossyLinkTest} (short) and by {@link #main} (long, prints
 * figures).
 */
final class LossyLinkScenario {
  /** What the run saw. */
  record Figures(
      int poorViewers,
      int goodViewers,
      long verified,
      long foreign,
      long unverifiable,
      long stills,
      long foreignStills,
      long sessions,
      long interruptions,
      long stalls,
      long cuts,
      long fewestVerifiedByAPoorViewer,
      long fewestStillsByAPoorViewer,
      long worstGoodGapMillis) {
    String line() {
      return String.format(
          "lossy link: %d poor + %d good viewers; %,d chunks verified, %d foreign, %d"
              + " unverifiable; %,d stills verified, %d foreign; %,d sessions, %,d interruptions;"
              + " link stalled %,d times, cut %,d; fewest chunks by a poor viewer %,d, fewest"
              + " stills %,d; longest gap for a good viewer %,d ms",
          poorViewers,
          goodViewers,
          verified,
          foreign,
          unverifiable,
          stills,
          foreignStills,
          sessions,
          interruptions,
          stalls,
          cuts,
          fewestVerifiedByAPoorViewer,
          fewestStillsByAPoorViewer,
          worstGoodGapMillis);
    }
  }

  static final StallingLink.Conditions POOR = new StallingLink.Conditions(1_500, 0.05, 3_000, 0.01);

  private LossyLinkScenario() {}

  static Figures run(Path data, int cameraCount, int poorViewers, long millis) throws Exception {
    try (TestHub hub = TestHub.start(data)) {
      List<String> cameras = new ArrayList<>();
      for (int i = 0; i < cameraCount; i++) {
        cameras.add(hub.addCamera("Room " + i, "test://room" + i));
      }
      int hubPort = hub.hub.context().ports().get("api.http-port");
      Vertx vertx = Vertx.vertx();
      List<StallingLink> links = new ArrayList<>();
      try {
        List<CheckingViewer> poor = new ArrayList<>();
        for (int i = 0; i < poorViewers; i++) {
          String camera = cameras.get(i % cameras.size());
          String token = hub.pairDisplay("Poor " + i, List.of(camera));
          InetAddress host = InetAddress.getByName("127.0.0." + (10 + i));
          links.add(new StallingLink(hubPort, host, POOR));
          poor.add(new CheckingViewer(vertx, links.get(i).port(), token, camera, cameras));
        }
        List<CheckingViewer> good = new ArrayList<>();
        for (String camera : cameras) {
          String token = hub.pairDisplay("Good " + camera, List.of(camera));
          good.add(new CheckingViewer(vertx, hubPort, token, camera, cameras));
        }
        runAll(poor, good, millis);
        return figures(poor, good, links);
      } finally {
        links.forEach(StallingLink::close);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
    }
  }

  private static void runAll(List<CheckingViewer> poor, List<CheckingViewer> good, long millis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    ExecutorService threads = Executors.newFixedThreadPool(poor.size() + good.size());
    poor.forEach(v -> threads.execute(() -> v.watchUntil(deadline, 2_000)));
    good.forEach(v -> threads.execute(() -> v.watchUntil(deadline, 0)));
    threads.shutdown();
    if (!threads.awaitTermination(millis + 60_000, TimeUnit.MILLISECONDS)) {
      threads.shutdownNow();
      throw new AssertionError("viewers did not finish within a minute of the deadline");
    }
  }

  private static Figures figures(
      List<CheckingViewer> poor, List<CheckingViewer> good, List<StallingLink> links) {
    List<CheckingViewer> all = new ArrayList<>(poor);
    all.addAll(good);
    return new Figures(
        poor.size(),
        good.size(),
        sum(all, v -> v.verified.get()),
        sum(all, v -> v.foreign.get()),
        sum(all, v -> v.unverifiable.get()),
        sum(all, v -> v.stills.get()),
        sum(all, v -> v.foreignStills.get()),
        sum(all, v -> v.sessions.get()),
        sum(poor, v -> v.interruptions.get()),
        links.stream().mapToLong(StallingLink::stalls).sum(),
        links.stream().mapToLong(StallingLink::cuts).sum(),
        poor.stream().mapToLong(v -> v.verified.get()).min().orElse(0),
        poor.stream().mapToLong(v -> v.stills.get()).min().orElse(0),
        good.stream().mapToLong(v -> v.maxGapMillis.get()).max().orElse(0));
  }

  private static long sum(List<CheckingViewer> viewers, ToLongFunction<CheckingViewer> count) {
    return viewers.stream().mapToLong(count).sum();
  }

  /**
   * The long version: {@code LossyLinkScenario [minutes=5] [cameras=4] [poor viewers=12]}. Prints
   * one line of figures; exits 1 if anything foreign or unverifiable arrived.
   */
  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int cameras = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int poor = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    Path data = java.nio.file.Files.createTempDirectory("hearth-lossy");
    Figures figures = run(data.resolve("data"), cameras, poor, minutes * 60_000L);
    System.out.println(figures.line());
    System.exit(figures.foreign() + figures.foreignStills() + figures.unverifiable() == 0 ? 0 : 1);
  }
}
