package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Paging back through camera events: a week of events, many of them starting in the same
 * millisecond, read a few at a time neither repeat nor skip one; a page says exactly whether older
 * ones follow; a limit out of range or a made-up cursor is refused in words; and a cursor crafted
 * from another camera's event (its time and id) pages only through the cameras the caller may see.
 */
@Timeout(60)
class CameraEventPagingTest {
  private static final long DAY = 86_400_000L;

  @RegisterExtension static final TestHub hub = TestHub.perClass();

  static String yard;
  static String garden;
  static List<Stored> yardEvents = new ArrayList<>();
  static List<Stored> gardenEvents = new ArrayList<>();

  /** An event as inserted: enough to know its place in the newest-first order. */
  record Stored(String id, long startedAt) {}

  @BeforeAll
  static void events() throws Exception {
    yard = hub.addCamera("Yard", "test://yard");
    garden = hub.addCamera("Garden", "test://garden");
    long now = System.currentTimeMillis();
    // Groups larger than a page, all starting at one time, and the garden's at the yard's times.
    long[] times = {now - 6 * DAY, now - 3 * DAY, now - 3 * DAY + 1, now - DAY};
    int[] counts = {7, 9, 1, 6};
    for (int i = 0; i < times.length; i++) {
      for (String id : CameraEventRows.insert(hub.hub, yard, times[i], counts[i])) {
        yardEvents.add(new Stored(id, times[i]));
      }
      for (String id : CameraEventRows.insert(hub.hub, garden, times[i], 3)) {
        gardenEvents.add(new Stored(id, times[i]));
      }
    }
  }

  @Test
  void pagesNeitherRepeatNorSkipEventsThatStartTogether() throws Exception {
    String path = "/api/v1/cameras/" + yard + "/events";
    for (int limit : new int[] {1, 4, 5, 9}) {
      assertEquals(
          newestFirst(yardEvents), readAll(path, hub.ownerToken, limit), "pages of " + limit);
    }
    List<Stored> both = new ArrayList<>(yardEvents);
    both.addAll(gardenEvents);
    assertEquals(newestFirst(both), readAll("/api/v1/camera-events", hub.ownerToken, 4));
  }

  @Test
  void aPageSaysExactlyWhetherOlderEventsFollow() throws Exception {
    int all = yardEvents.size();
    JsonObject exact = get("/api/v1/cameras/" + yard + "/events?limit=" + all, hub.ownerToken);
    assertEquals(all, exact.getJsonArray("events").size());
    assertFalse(exact.getBoolean("has_more"), "more announced after the last event");
    assertNull(exact.getString("next_cursor"));
    JsonObject short1 =
        get("/api/v1/cameras/" + yard + "/events?limit=" + (all - 1), hub.ownerToken);
    assertTrue(short1.getBoolean("has_more"));
    JsonObject last =
        get("/api/v1/cameras/" + yard + "/events?limit=5&cursor=" + cursor(short1), hub.ownerToken);
    assertEquals(1, last.getJsonArray("events").size());
    assertFalse(last.getBoolean("has_more"));
  }

  @Test
  void aLimitOutOfRangeOrAMadeUpCursorIsRefusedInWords() throws Exception {
    for (String limit : List.of("0", "-3", "501", "99999999999999")) {
      HttpResponse<String> answer = hub.get("/api/v1/camera-events?limit=" + limit, hub.ownerToken);
      assertEquals(400, answer.statusCode(), limit + ": " + answer.body());
      assertTrue(answer.body().contains("limit must be from 1 to 500"), answer.body());
    }
    assertEquals(200, hub.get("/api/v1/camera-events?limit=500", hub.ownerToken).statusCode());
    for (String cursor : List.of("yesterday", "12.", "12.dev_aaaaaaaaaaaaaaaaaaaa", "-5.x")) {
      HttpResponse<String> answer =
          hub.get("/api/v1/cameras/" + yard + "/events?cursor=" + encode(cursor), hub.ownerToken);
      assertEquals(400, answer.statusCode(), cursor + ": " + answer.body());
      assertTrue(answer.body().contains("next_cursor of a previous page"), answer.body());
    }
  }

  @Test
  void aCraftedCursorNeverReachesAnotherCamerasEvents() throws Exception {
    String ana = memberWithEvents(yard);
    Set<String> gardenIds = new HashSet<>(gardenEvents.stream().map(Stored::id).toList());
    // A cursor naming each garden event's own position, and one above every event.
    List<String> crafted = new ArrayList<>();
    for (Stored e : gardenEvents) {
      crafted.add((e.startedAt() + 1) + "." + e.id());
    }
    crafted.add(Long.MAX_VALUE + ".cev_zzzzzzzzzzzzzzzzzzzz");
    for (String cursor : crafted) {
      JsonObject page = get("/api/v1/camera-events?limit=500&cursor=" + encode(cursor), ana);
      for (Object o : page.getJsonArray("events")) {
        JsonObject e = (JsonObject) o;
        assertEquals(yard, e.getString("camera_id"), "a foreign event through " + cursor);
        assertFalse(gardenIds.contains(e.getString("id")));
      }
      for (String path :
          List.of(
              "/api/v1/cameras/" + garden + "/events?cursor=",
              "/api/v1/camera-events?camera=" + garden + "&cursor=")) {
        assertEquals(403, hub.get(path + encode(cursor), ana).statusCode(), path);
      }
    }
    JsonObject fromTheTop =
        get(
            "/api/v1/camera-events?limit=500&cursor=" + encode(crafted.get(crafted.size() - 1)),
            ana);
    assertEquals(yardEvents.size(), fromTheTop.getJsonArray("events").size());
    assertEquals(newestFirst(yardEvents), readAll("/api/v1/camera-events", ana, 3));
  }

  /** Every page from the first, each but the last full and announcing more; the ids in order. */
  private static List<String> readAll(String path, String token, int limit) throws Exception {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    String sep = path.contains("?") ? "&" : "?";
    for (int pages = 0; pages < 200; pages++) {
      String query = sep + "limit=" + limit + (cursor == null ? "" : "&cursor=" + encode(cursor));
      JsonObject page = get(path + query, token);
      JsonArray events = page.getJsonArray("events");
      events.forEach(e -> ids.add(((JsonObject) e).getString("id")));
      if (!page.getBoolean("has_more")) {
        assertNull(page.getString("next_cursor"));
        return ids;
      }
      assertEquals(limit, events.size(), "a short page that announces more");
      cursor = page.getString("next_cursor");
      assertNotNull(cursor);
    }
    throw new AssertionError("no last page after 200 pages of " + path);
  }

  /** The order the hub promises: newest first, and by id among events of the same time. */
  private static List<String> newestFirst(List<Stored> events) {
    return events.stream()
        .sorted(Comparator.comparingLong(Stored::startedAt).thenComparing(Stored::id).reversed())
        .map(Stored::id)
        .toList();
  }

  private static String cursor(JsonObject page) {
    return encode(page.getString("next_cursor"));
  }

  private static JsonObject get(String path, String token) throws Exception {
    HttpResponse<String> answer = hub.get(path, token);
    assertEquals(200, answer.statusCode(), path + ": " + answer.body());
    return new JsonObject(answer.body());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String memberWithEvents(String camera) throws Exception {
    String id =
        GrantPromiseTest.ok(
                hub.post(
                    "/api/v1/members", hub.ownerToken, "{\"name\":\"Ana\",\"role\":\"adult\"}"))
            .getString("id");
    GrantPromiseTest.ok(GrantPromiseTest.grantScopes(hub, id, "camera_id", camera, "events"));
    return GrantPromiseTest.ok(
            hub.post(
                "/api/v1/tokens",
                hub.ownerToken,
                new JsonObject().put("name", "t").put("member_id", id).encode()))
        .getString("secret");
  }
}
