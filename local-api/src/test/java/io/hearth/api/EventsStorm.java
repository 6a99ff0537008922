package io.hearth.api;

import io.hearth.runtime.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events storm (issue 14, "storm over events", the Wyze case), runnable from a test and from a
 * benchmark: viewers, each granted one camera's events, list events and fetch thumbnails and clips
 * over and over while every camera link is cut at once and then the hub is killed with kill -9 and
 * started again, each time while events are being written. Everything any viewer listed must be its
 * camera's, and every thumbnail and every frame of every clip, decoded, must carry its camera's
 * watermark. Then grants are revoked while their viewers play a clip, and the time until listing,
 * opening and playing all stop is measured.
 */
public final class EventsStorm {
  /** How big: viewers, how many lose their grant at the end, and each phase's deadline. */
  public record Plan(int viewers, int revoked, long deadlineMs) {}

  /** What the storm measured. */
  public record Figures(
      int viewers,
      long listed,
      long crossCamera,
      long thumbnails,
      long clips,
      long emptyClips,
      long clipFrames,
      long foreign,
      List<String> foreignSeen,
      int linksCut,
      long cutToEventMs,
      long restartToEventMs,
      List<Long> revokeToStopMs,
      long lastChunkAfterRevocationMs,
      long seconds) {
    @Override
    public String toString() {
      List<Long> sorted = revokeToStopMs.stream().sorted().toList();
      return String.format(
          "events storm: %d viewers on 4 cameras; %d events listed, %d tries of another camera's"
              + " event through the viewer's own camera; %d thumbnails and %d clips"
              + " (%d empty) fetched, %d clip frames decoded; foreign %d%s; %d camera connections"
              + " cut at once, next finished event of every camera %d ms after; hub kill -9, next"
              + " finished event of every camera %d ms after the restart; revoke-to-stop (listing,"
              + " opening and playing) over %d grants p50 %d ms, max %d ms, last clip chunk +%d ms;"
              + " %d s",
          viewers,
          listed,
          crossCamera,
          thumbnails,
          clips,
          emptyClips,
          clipFrames,
          foreign,
          foreignSeen.isEmpty() ? "" : " " + foreignSeen,
          linksCut,
          cutToEventMs,
          restartToEventMs,
          sorted.size(),
          sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2),
          sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1),
          lastChunkAfterRevocationMs,
          seconds);
    }
  }

  private final Plan plan;
  private final EventsWorld world;
  private volatile boolean looping;
  private int linksCut;
  private long cutToEventMs;
  private long restartToEventMs;

  private EventsStorm(Plan plan, EventsWorld world) {
    this.plan = plan;
    this.world = world;
  }

  /** Runs the storm in {@code dir} (a fresh directory) and returns its figures. */
  public static Figures run(Plan plan, Path dir) throws Exception {
    long start = System.nanoTime();
    try (EventsWorld world = EventsWorld.build(dir, plan.viewers())) {
      EventsStorm storm = new EventsStorm(plan, world);
      try {
        storm.blow();
        Revocations revoked = new Revocations(world);
        for (EventViewer v : world.viewers.subList(0, plan.revoked())) {
          revoked.measure(v);
        }
        EventChecks checks = EventChecks.decode(world.viewers, dir);
        return storm.figures(checks, revoked, (System.nanoTime() - start) / 1_000_000_000L);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; the hub's log:\n" + tail(world), e);
      }
    }
  }

  private void blow() throws Exception {
    world.awaitFinishedEvents(Instant.EPOCH, plan.deadlineMs());
    List<Thread> loops = startLoops();
    try {
      awaitOpenEvent();
      Eventually.within(
          Duration.ofMillis(plan.deadlineMs()),
          "the hub is connected to every camera",
          () -> world.links.stream().allMatch(l -> l.open() > 0));
      long cut = System.currentTimeMillis();
      List<Integer> cuts = new ArrayList<>();
      for (CameraLink link : world.links) {
        cuts.add(link.cut());
      }
      if (cuts.contains(0)) {
        throw new AssertionError("a camera link carried no connection when cut: " + cuts);
      }
      linksCut = cuts.stream().mapToInt(Integer::intValue).sum();
      world.viewers.forEach(v -> v.phase = 2);
      world.awaitFinishedEvents(Instant.ofEpochMilli(cut), plan.deadlineMs());
      cutToEventMs = System.currentTimeMillis() - cut;
      awaitOpenEvent();
      world.hub.kill();
      world.hub.start();
      long restarted = System.currentTimeMillis();
      world.viewers.forEach(v -> v.phase = 3);
      world.awaitFinishedEvents(Instant.ofEpochMilli(restarted), plan.deadlineMs());
      restartToEventMs = System.currentTimeMillis() - restarted;
      Eventually.within(
          Duration.ofMillis(plan.deadlineMs()),
          () -> "every viewer played a clip after the restart; late: " + late(),
          () -> late().isEmpty());
    } finally {
      looping = false;
      for (Thread t : loops) {
        t.join(90_000);
      }
    }
  }

  /** Each viewer rounds on its own thread until told to stop. */
  private List<Thread> startLoops() {
    looping = true;
    List<Thread> loops = new ArrayList<>();
    for (EventViewer v : world.viewers) {
      Thread t =
          new Thread(
              () -> {
                while (looping) {
                  try {
                    Thread.sleep(v.round() ? 20 : 100);
                  } catch (InterruptedException e) {
                    return;
                  } catch (RuntimeException e) {
                    v.foreign("unreadable answer: " + e);
                  }
                }
              },
              "events-" + v.name);
      t.setDaemon(true);
      t.start();
      loops.add(t);
    }
    return loops;
  }

  private List<String> late() {
    return world.viewers.stream().filter(v -> v.played < 3).map(v -> v.name).toList();
  }

  /** Waits until some camera's event is being written. */
  private void awaitOpenEvent() throws InterruptedException {
    Eventually.check(
        Duration.ofMillis(plan.deadlineMs()), "an event being written", world::anEventOpen);
  }

  private Figures figures(EventChecks checks, Revocations revoked, long seconds) {
    List<String> seen = new ArrayList<>(checks.foreignSeen);
    world.viewers.forEach(v -> seen.addAll(v.foreignSeen));
    seen.addAll(revoked.failures);
    return new Figures(
        world.viewers.size(),
        world.viewers.stream().mapToLong(v -> v.listed.get()).sum(),
        world.viewers.stream().mapToLong(v -> v.crossTried.get()).sum(),
        checks.thumbnails,
        checks.clips,
        world.viewers.stream().mapToLong(v -> v.emptyClips.get()).sum() + checks.emptyClips,
        checks.clipFrames,
        checks.foreign
            + world.viewers.stream().mapToLong(v -> v.foreign.get()).sum()
            + revoked.failures.size(),
        seen.subList(0, Math.min(8, seen.size())),
        linksCut,
        cutToEventMs,
        restartToEventMs,
        revoked.stopMs,
        revoked.lastChunkMs,
        seconds);
  }

  private static String tail(EventsWorld world) {
    try {
      List<String> lines = world.hub.output().lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
