package io.hearth.api.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, finding 9, in short: 24 displays on 2 GStreamer RTSP cameras, the hub killed with
 * SIGKILL and started again {@link #RESTART_DELAY} later (the Debian unit's RestartSec of 5 s plus
 * the JVM start of a Raspberry Pi, about 10 s), every display reconnecting as the display page
 * does. Every display still allowed streams again within {@link #BOUND} of the hub's first healthy
 * answer, and the restarted hub re-authorises each against its store: a display whose token was
 * revoked and one whose grant was deleted while the hub was down get nothing. The 3 s goal for 112
 * displays is shown by {@link RestartBenchmark}.
 */
@Timeout(300)
class RestartRecoveryTest {
  /** Robust on a loaded 2-core machine; the page's old backoff (1, 2, 4, 8 s ...) misses it. */
  static final Duration BOUND = Duration.ofSeconds(6);

  /** Long enough that a backoff that doubles while the hub is away shows. */
  static final Duration RESTART_DELAY = Duration.ofSeconds(12);

  private static final int REVOKED = 0;
  private static final int UNGRANTED = 1;

  @TempDir Path work;

  @Test
  void everyAllowedDisplayStreamsAgainSoonAfterARestartAndNoOtherDoes() throws Exception {
    try (RestartStorm storm = RestartStorm.start(work, 2, 24, List.of())) {
      storm.awaitStreaming(0, Duration.ofSeconds(90));
      RestartRound round =
          storm.restart(
              RestartRecoveryTest::revokeWhileDown,
              RESTART_DELAY,
              tile -> isWithdrawn(storm, tile),
              BOUND.plusSeconds(20));
      List<RestartRound.Recovery> allowed =
          round.recoveries().stream().filter(r -> r.tile() > UNGRANTED).toList();
      new RestartReport(System.out).round("RestartRecoveryTest", round, allowed);
      for (RestartRound.Recovery r : allowed) {
        assertTrue(
            r.recovered() && r.mediaMs() <= BOUND.toMillis(),
            "display " + r.tile() + " streamed " + r.mediaMs() + " ms after health:" + r.trace());
      }
      assertWithdrawn(storm, round);
      long rejected = storm.tiles().stream().mapToLong(DisplayTile::rejectedChunks).sum();
      assertEquals(0, rejected, "chunks failing verification");
    }
  }

  @Test
  void theBenchmarksDisplaysReconnectAsThePageDoes() throws Exception {
    String page;
    try (InputStream in =
        getClass().getResourceAsStream("/io/hearth/api/webroot/display/tile.js")) {
      page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String line : ReconnectPolicy.PAGE_LINES) {
      assertTrue(page.contains(line), "tile.js no longer has: " + line);
    }
  }

  private static boolean isWithdrawn(RestartStorm storm, DisplayTile tile) {
    int index = storm.tiles().indexOf(tile);
    return index == REVOKED || index == UNGRANTED;
  }

  /** As the owner would from another hub's copy: one token revoked, one grant deleted. */
  private static void revokeWhileDown(Path database) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database)) {
      update(
          c,
          "UPDATE token SET revoked_at = ? WHERE principal_kind = 'display' AND principal_id ="
              + " (SELECT id FROM display WHERE name = ?)",
          System.currentTimeMillis(),
          RestartStorm.displayName(REVOKED));
      update(
          c,
          "DELETE FROM \"grant\" WHERE principal_kind = 'display' AND principal_id ="
              + " (SELECT id FROM display WHERE name = ?)",
          RestartStorm.displayName(UNGRANTED));
    }
  }

  private static void update(Connection c, String sql, Object... args) throws Exception {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      assertEquals(1, statement.executeUpdate(), sql);
    }
  }

  /** The revoked display is sent back to pairing; neither gets a picture after the restart. */
  private static void assertWithdrawn(RestartStorm storm, RestartRound round) {
    RestartRound.Recovery revoked = round.recoveries().get(REVOKED);
    RestartRound.Recovery ungranted = round.recoveries().get(UNGRANTED);
    assertTrue(revoked.unauthorized(), "revoked display was not refused:" + revoked.trace());
    assertFalse(revoked.recovered(), "revoked display streamed:" + revoked.trace());
    assertFalse(ungranted.recovered(), "display without a grant streamed:" + ungranted.trace());
    assertTrue(
        ungranted.trace().contains("(403"), "no 403 for the ungranted one:" + ungranted.trace());
    assertFalse(storm.tiles().get(UNGRANTED).unauthorized(), "its token is still good");
  }
}
