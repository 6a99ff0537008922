package io.hearth.api;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Revocations of the events storm, each measured: while its viewer plays a clip, the owner deletes
 * the grant; from the moment the owner asked, the viewer polls until listing (across cameras:
 * empty; its camera's: refused), opening a new clip (refused) and the clip playing (closed with
 * 4403) have all stopped. The time until the last of those is the revocation's revoke-to-stop.
 */
final class Revocations {
  static final long GIVE_UP_MS = 5_000;

  final List<Long> stopMs = new ArrayList<>();
  final List<String> failures = new ArrayList<>();
  long lastChunkMs;
  private final EventsWorld world;

  Revocations(EventsWorld world) {
    this.world = world;
  }

  void measure(EventViewer v) throws Exception {
    String grant = world.grantOf(v);
    String eventId = v.lastPlayed;
    EventViewer.Playing clip = playing(v, eventId);
    try {
      long revoked = System.currentTimeMillis();
      world.hub.owner("DELETE", "/api/v1/grants/" + grant, null);
      long listing = -1;
      long own = -1;
      long opening = -1;
      while ((listing < 0 || own < 0 || opening < 0)
          && System.currentTimeMillis() - revoked < GIVE_UP_MS) {
        if (listing < 0 && listsNothing(v.get("/api/v1/camera-events"))) {
          listing = System.currentTimeMillis();
        }
        if (own < 0 && v.get("/api/v1/cameras/" + v.cameraId + "/events").statusCode() == 403) {
          own = System.currentTimeMillis();
        }
        if (opening < 0 && v.open(eventId).statusCode() == 403) {
          opening = System.currentTimeMillis();
        }
      }
      Short code = clip.closed.get(GIVE_UP_MS, TimeUnit.MILLISECONDS);
      if (code != 4403) {
        failures.add(v.name + ": the playing clip ended with " + code + ", not 4403");
      }
      if (listing < 0 || own < 0 || opening < 0) {
        failures.add(v.name + ": still listing or opening " + GIVE_UP_MS + " ms after revocation");
      }
      long stop = Math.max(Math.max(listing, own), Math.max(opening, clip.closedAt)) - revoked;
      stopMs.add(stop);
      long last = clip.arrivals.get(clip.arrivals.size() - 1) - revoked;
      lastChunkMs = Math.max(lastChunkMs, Math.max(0, last));
    } finally {
      clip.close();
    }
  }

  /** The clip of the event (one the viewer played to its end) playing: two chunks in, not over. */
  private static EventViewer.Playing playing(EventViewer v, String eventId) throws Exception {
    String seen = "not opened";
    for (int attempt = 0; attempt < 3; attempt++) {
      EventViewer.Playing clip = v.play(eventId);
      if (clip == null) {
        Thread.sleep(500);
        continue;
      }
      long until = System.currentTimeMillis() + 15_000;
      while (clip.chunks.size() < 2
          && !clip.closed.isDone()
          && System.currentTimeMillis() < until) {
        Thread.sleep(20);
      }
      if (clip.chunks.size() >= 2 && !clip.closed.isDone()) {
        return clip;
      }
      seen = clip.chunks.size() + " chunks, closed " + clip.closed.getNow(null);
      clip.close();
    }
    throw new AssertionError(v.name + "'s clip of " + eventId + " did not play: " + seen);
  }

  private static boolean listsNothing(HttpResponse<String> answer) {
    return answer.statusCode() == 403
        || (answer.statusCode() == 200
            && new JsonObject(answer.body()).getJsonArray("events").isEmpty());
  }
}
