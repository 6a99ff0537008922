package io.hearth.runtime;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Scope;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * At start, before the listeners open, connects every camera that a paired display may watch live:
 * displays are the viewers that come straight back after a restart, and they then find the current
 * run's picture flowing (the switchboard's latest group of pictures) instead of each camera's first
 * viewer waiting for the RTSP handshake and the next keyframe. It authorises nothing: every display
 * still opens a new session, checked against the store as it is then. A camera nobody joins closes
 * again after {@link #HOLD}.
 */
final class FeedWarmUp {
  /** How long a camera connected at start waits for its first viewer. */
  static final Duration HOLD = Duration.ofSeconds(30);

  private FeedWarmUp() {}

  /** Starts connecting those cameras; completes with how many, without waiting for them. */
  static Future<Integer> start(HubContext hub) {
    long now = System.currentTimeMillis();
    return hub.grants()
        .all()
        .compose(grants -> hub.cameras().list().map(cameras -> warm(hub, cameras, grants, now)));
  }

  private static int warm(HubContext hub, List<Camera> cameras, List<Grant> grants, long now) {
    List<Grant> displays =
        grants.stream().filter(g -> g.principalKind() == PrincipalKind.DISPLAY).toList();
    Set<String> watched = Grant.liveTargets(displays, Scope.LIVE, now);
    List<Camera> warmed = cameras.stream().filter(c -> watched.contains(c.id())).toList();
    warmed.forEach(camera -> hub.switchboard().warm(camera, HOLD));
    return warmed.size();
  }
}
