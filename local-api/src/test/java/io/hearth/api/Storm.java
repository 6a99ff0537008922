package io.hearth.api;

import io.hearth.adapters.mdns.MdnsPeer;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The storm (issue 11's first seed scenario, issue 9's last acceptance clause), runnable from a
 * test and from a benchmark: many displays on four real cameras, RTSP over TCP and over UDP, each
 * display verifying every chunk it receives; meanwhile an RTP stream sprayed at the hub's UDP ports
 * from a camera's own address and from another, a spoofed mDNS announcement of the adopted garage
 * camera with a camera of another picture size behind it, every camera link cut at once, grants
 * revoked mid-stream, and the hub killed with kill -9 and started again on its data.
 */
public final class Storm {
  /**
   * How big a storm: displays, how many lose their grant mid-stream, MEDIA chunks every display
   * must receive in each phase, the deadline of each phase, and how long each phase runs on after
   * its displays got their chunks (0 in CI; minutes in the benchmark).
   */
  public record Plan(int displays, int revoked, int chunks, long deadlineMs, long holdMs) {}

  /** What the storm measured. */
  public record Figures(
      int displays,
      int revoked,
      long verified,
      long foreign,
      List<String> foreignSeen,
      long maxCutToFirstMs,
      long maxRestartToFirstMs,
      long maxAfterRevocationMs,
      long reopenedAfterRevocation,
      boolean spoofClaimSeen,
      boolean garageStayed,
      long sprayed,
      long droppedRtp,
      long seconds) {
    @Override
    public String toString() {
      return String.format(
          "storm: %d displays (%d revoked mid-stream), %d chunks verified, %d foreign or"
              + " unverifiable%s; max camera-cut-to-first-chunk %d ms; max hub-restart-to-first-chunk"
              + " %d ms (from the restarted hub listening); last chunk after revocation at most +%d"
              + " ms, sessions reopened after revocation %d; spoofed claim seen by the hub %s,"
              + " garage stayed at its address %s; RTP datagrams sprayed at the hub %d, dropped by its"
              + " pinning %d; %d s",
          displays,
          revoked,
          verified,
          foreign,
          foreignSeen.isEmpty() ? "" : " " + foreignSeen,
          maxCutToFirstMs,
          maxRestartToFirstMs,
          maxAfterRevocationMs,
          reopenedAfterRevocation,
          spoofClaimSeen,
          garageStayed,
          sprayed,
          droppedRtp,
          seconds);
    }
  }

  private final Plan plan;
  private final StormWorld world;
  private long cutMs;
  private long restartMs;
  private boolean claimSeen;

  private Storm(Plan plan, StormWorld world) {
    this.plan = plan;
    this.world = world;
  }

  /** Runs a storm in {@code dir} (a fresh directory) and returns its figures. */
  public static Figures run(Plan plan, Path dir) throws Exception {
    long start = System.nanoTime();
    try (StormWorld world = StormWorld.build(dir, plan.displays())) {
      Storm storm = new Storm(plan, world);
      try {
        storm.blow();
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage() + "; the hub's warnings:\n" + world.hubWarnings(), e);
      }
      return storm.figures((System.nanoTime() - start) / 1_000_000_000L);
    }
  }

  private void blow() throws Exception {
    world.displays.forEach(StormDisplay::start);
    awaitMedia(world.displays, System.currentTimeMillis() - 60_000, "before anything");
    attack();
    hold();
    cutCameraLinks();
    List<StormDisplay> kept = revoke();
    hold();
    restartHub(kept);
    hold();
    for (StormDisplay d : world.displays) {
      d.stop();
    }
  }

  /** The RTP spray and the spoofed announcement, with a camera of another size behind it. */
  private void attack() throws Exception {
    String hubAddress = world.net.hostAddress().getHostAddress();
    String yard = world.cameras.get("yard").address;
    world.spray =
        RtpSpray.start(
            world.net, world.dir, world.hub, hubAddress, List.of(yard, world.address(10)));
    world.spoofCamera.start();
    world.spoofCamera.awaitReady(30_000);
    world.spoofAnnouncer =
        MdnsPeer.start(
            world.net,
            world.dir,
            "attacker",
            world.spoofCamera.address,
            List.of(StormWorld.garageService()));
    claimSeen = awaitClaim(plan.deadlineMs());
  }

  /** Whether the hub's inbox shows the spoof's claim on the garage (a claim, not a move). */
  private boolean awaitClaim(long millis) throws Exception {
    String to = world.spoofCamera.address + ":" + StormCamera.PORT;
    return Eventually.holdsWithin(
        Duration.ofMillis(millis),
        () -> {
          JsonObject entry =
              world.hub.owner("GET", "/api/v1/discovered/" + world.garageEntry, null);
          JsonObject move = entry.getJsonObject("move");
          return move != null && to.equals(move.getString("to"));
        });
  }

  /** Kills every camera at once and starts them again; every display must see media again. */
  private void cutCameraLinks() throws Exception {
    for (StormCamera c : world.cameras.values()) {
      c.kill();
    }
    for (StormCamera c : world.cameras.values()) {
      c.start();
    }
    for (StormCamera c : world.cameras.values()) {
      c.awaitReady(30_000);
    }
    long back = System.currentTimeMillis();
    awaitMedia(world.displays, back, "after every camera link was cut");
    cutMs = maxFirst(world.displays, back);
  }

  /** Revokes the grants of the first displays (one camera after another); the rest. */
  private List<StormDisplay> revoke() throws Exception {
    List<StormDisplay> kept = new ArrayList<>(world.displays);
    for (StormDisplay d : world.displays.subList(0, plan.revoked())) {
      JsonObject grant =
          world.hub.grants(d.cameraId).stream()
              .filter(g -> d.displayId.equals(g.getString("principal_id")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no grant of " + d.name));
      d.revoked(System.currentTimeMillis());
      world.hub.owner("DELETE", "/api/v1/grants/" + grant.getString("id"), null);
      kept.remove(d);
    }
    return kept;
  }

  /** kill -9 the hub, start it again on its data, and wait until every display streams again. */
  private void restartHub(List<StormDisplay> kept) throws Exception {
    world.hub.kill();
    world.hub.start();
    long up = System.currentTimeMillis();
    world.spoofAnnouncer.command("announce");
    awaitMedia(kept, up, "after the hub was killed and restarted");
    restartMs = maxFirst(kept, up);
  }

  private void hold() throws InterruptedException {
    Thread.sleep(plan.holdMs());
  }

  /** Waits (up to the plan's deadline) until each display got the plan's MEDIA chunks since. */
  private void awaitMedia(List<StormDisplay> displays, long since, String when)
      throws InterruptedException {
    Predicate<StormDisplay> done = d -> d.mediaSince(since) >= plan.chunks();
    Eventually.within(
        Duration.ofMillis(plan.deadlineMs()),
        () -> late(displays, done, since, when),
        () -> displays.stream().allMatch(done));
  }

  private String late(
      List<StormDisplay> displays, Predicate<StormDisplay> done, long since, String when) {
    List<String> late =
        displays.stream()
            .filter(done.negate())
            .map(d -> d.name + "=" + d.mediaSince(since))
            .toList();
    List<String> foreign = new ArrayList<>();
    displays.forEach(d -> foreign.addAll(d.foreignSeen));
    return "within "
        + plan.deadlineMs()
        + " ms "
        + when
        + ", these displays got fewer than "
        + plan.chunks()
        + " media chunks of their camera: "
        + late
        + "; foreign chunks "
        + displays.stream().mapToLong(d -> d.foreign.get()).sum()
        + " "
        + foreign;
  }

  private static long maxFirst(List<StormDisplay> displays, long since) {
    return displays.stream().mapToLong(d -> d.firstMediaSince(since) - since).max().orElse(0);
  }

  private Figures figures(long seconds) throws Exception {
    List<StormDisplay> all = world.displays;
    List<String> seen = new ArrayList<>();
    all.forEach(d -> seen.addAll(d.foreignSeen));
    String garageUrl = null;
    for (var e : world.byId.entrySet()) {
      if (e.getValue() == world.cameras.get("garage")) {
        garageUrl = world.hub.owner("GET", "/api/v1/cameras/" + e.getKey(), null).getString("url");
      }
    }
    return new Figures(
        all.size(),
        plan.revoked(),
        all.stream().mapToLong(d -> d.verified.get()).sum(),
        all.stream().mapToLong(d -> d.foreign.get()).sum(),
        seen.subList(0, Math.min(5, seen.size())),
        cutMs,
        restartMs,
        all.stream().mapToLong(StormDisplay::lastChunkAfterRevocation).max().orElse(0),
        all.stream().mapToLong(d -> d.reopenedAfterRevocation.get()).sum(),
        claimSeen,
        world.cameras.get("garage").url().equals(garageUrl),
        world.spray.sent(),
        world.hub.droppedRtp(),
        seconds);
  }
}
