package io.hearth.api.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every tile did across one hub restart, in milliseconds from the hub's first healthy answer:
 * its first attempt after that answer, and the attempt that streamed again (when its session
 * request was answered, its socket opened, its first INIT and first MEDIA chunk arrived).
 *
 * @param killedAt nanoTime of the SIGKILL
 * @param relaunchedAt nanoTime the new hub process was started
 * @param healthyAt nanoTime of the first 200 from {@code GET /api/v1/health}
 * @param killedWall and {@code healthyWall}: the same in epoch ms, to match the hub's log
 */
record RestartRound(
    long killedAt,
    long relaunchedAt,
    long healthyAt,
    long killedWall,
    long healthyWall,
    List<Recovery> recoveries) {

  /** One tile across the restart; a field is NaN when it did not happen. */
  record Recovery(
      int tile,
      String cameraId,
      String trace,
      boolean unauthorized,
      int attemptsSinceKill,
      double firstTryMs,
      double sessionMs,
      double socketMs,
      double initMs,
      double mediaMs) {

    boolean recovered() {
      return !Double.isNaN(mediaMs);
    }
  }

  static RestartRound of(
      List<DisplayTile> tiles,
      long killed,
      long relaunched,
      long healthy,
      long killedWall,
      long healthyWall) {
    List<Recovery> out = new ArrayList<>();
    for (int i = 0; i < tiles.size(); i++) {
      out.add(recovery(i, tiles.get(i), killed, healthy));
    }
    return new RestartRound(killed, relaunched, healthy, killedWall, healthyWall, out);
  }

  private static Recovery recovery(int index, DisplayTile tile, long killed, long healthy) {
    List<TileAttempt> since = tile.attempts.stream().filter(a -> a.started > killed).toList();
    double firstTry =
        since.stream()
            .filter(a -> a.started >= healthy)
            .findFirst()
            .map(a -> ms(a.started, healthy))
            .orElse(Double.NaN);
    Optional<TileAttempt> streamed = since.stream().filter(TileAttempt::streamed).findFirst();
    return new Recovery(
        index,
        tile.cameraId,
        trace(since, healthy),
        tile.unauthorized(),
        since.size(),
        firstTry,
        streamed.map(a -> ms(a.sessionAnswered, healthy)).orElse(Double.NaN),
        streamed.map(a -> ms(a.socketOpen, healthy)).orElse(Double.NaN),
        streamed.map(a -> ms(a.firstInit, healthy)).orElse(Double.NaN),
        streamed.map(a -> ms(a.firstMedia, healthy)).orElse(Double.NaN));
  }

  /** Each attempt since the kill: when it began (ms after health) and how it ended. */
  private static String trace(List<TileAttempt> since, long healthy) {
    StringBuilder out = new StringBuilder();
    for (TileAttempt a : since) {
      out.append(String.format(java.util.Locale.ROOT, " %+.0f", ms(a.started, healthy)))
          .append(a.streamed() ? " streamed" : " (" + a.sessionStatus + " " + a.failure + ")");
    }
    return out.toString();
  }

  private static double ms(long at, long from) {
    return at == 0 ? Double.NaN : (at - from) / 1e6;
  }

  /** The hub's restart: SIGKILL to the new process's first healthy answer, in ms. */
  double downMillis() {
    return (healthyAt - killedAt) / 1e6;
  }

  /** JVM start to health: from starting the new process to its first healthy answer, in ms. */
  double startMillis() {
    return (healthyAt - relaunchedAt) / 1e6;
  }
}
