package io.hearth.runtime.discovery;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.store.CameraStore;
import io.hearth.runtime.stream.Switchboard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows an adopted camera to a new address only when the move is earned: the device there proves
 * it is the camera (its protocol's {@link MoveCheck}), or the owner confirms the move. Until then
 * the camera record and its feed stay where they were, so no credential goes to an address only an
 * announcement named. A followed camera's new host is marked ({@link Camera#followedHost()}) so its
 * password never travels there readable.
 */
public final class CameraFollowing {
  private static final Logger LOG = LoggerFactory.getLogger(CameraFollowing.class);

  private final Inbox inbox;
  private final CameraStore cameras;
  private final MediaSources sources;
  private final Switchboard switchboard;
  private final Map<String, MoveCheck> checks = new ConcurrentHashMap<>();

  public CameraFollowing(
      Inbox inbox, CameraStore cameras, MediaSources sources, Switchboard switchboard) {
    this.inbox = inbox;
    this.cameras = cameras;
    this.sources = sources;
    this.switchboard = switchboard;
  }

  /** Sets how a claimed move of a camera discovered by {@code protocol} is proven. */
  public void registerCheck(String protocol, MoveCheck check) {
    checks.put(protocol, check);
  }

  /** Listens for claimed moves. */
  public void start(Vertx vertx) {
    vertx
        .eventBus()
        .<JsonObject>consumer(Inbox.MOVED, m -> claimed(m.body()))
        .completion()
        .onFailure(e -> LOG.error("cannot follow moved cameras: {}", e.getMessage()));
  }

  /**
   * The owner confirms the move claimed for entry {@code id}: the camera follows it. Fails with 404
   * for an unknown entry, 409 if it claims no move, or one its check refused or is still checking.
   */
  public Future<Discovered> confirm(Principal owner, String id) {
    try {
      Discovered entry = claimOf(id);
      String check = entry.move().check();
      if (!Move.UNVERIFIED.equals(check)) {
        throw HubException.conflict(refusal(entry, check));
      }
      return cameras.get(entry.adoptedId()).compose(camera -> follow(owner, entry, camera));
    } catch (HubException e) {
      return Future.failedFuture(e);
    }
  }

  /** The owner declines the move claimed for entry {@code id}: the camera stays where it is. */
  public Future<Discovered> decline(Principal owner, String id) {
    try {
      Discovered entry = claimOf(id);
      return inbox.moves().settle(owner, id, entry.move().to(), false);
    } catch (HubException e) {
      return Future.failedFuture(e);
    }
  }

  private Discovered claimOf(String id) {
    Discovered entry =
        inbox
            .get(id)
            .orElseThrow(
                () ->
                    HubException.notFound(
                        "no discovered entry " + id + "; list them with GET /api/v1/discovered"));
    if (!Discovered.MOVED.equals(entry.state()) || entry.move() == null) {
      throw HubException.conflict(
          "discovered entry " + id + " claims no move (its state is " + entry.state() + ")");
    }
    return entry;
  }

  private static String refusal(Discovered entry, String check) {
    if (Move.CHECKING.equals(check)) {
      return "the device at " + entry.move().to() + " is being checked; try again in a moment";
    }
    return "the device at "
        + entry.move().to()
        + " is not "
        + entry.sighting().name()
        + " ("
        + entry.move().reason()
        + "); if you replaced the camera, remove it and adopt the new one";
  }

  private void claimed(JsonObject claim) {
    String id = claim.getJsonObject("entry", new JsonObject()).getString("id");
    String to = claim.getString("to");
    Discovered entry = id == null ? null : inbox.get(id).orElse(null);
    if (entry == null || entry.move() == null || !entry.move().to().equals(to)) {
      return; // a newer claim replaced it; that one is checked on its own
    }
    cameras
        .get(entry.adoptedId())
        .compose(camera -> verify(entry, camera))
        .onFailure(
            e -> {
              if (e instanceof HubException h && h.status() == 409) {
                LOG.debug("the claim of {} at {} was settled before it was judged", id, to);
              } else {
                LOG.warn("could not judge the move of {} to {}: {}", id, to, e.getMessage());
              }
            });
  }

  private Future<Discovered> verify(Discovered entry, Camera camera) {
    MoveCheck check = checks.get(entry.protocol());
    if (check == null) {
      return judge(entry, camera, Move.UNVERIFIED, "nothing on this protocol proves who it is");
    }
    return check
        .check(entry, camera)
        .compose(
            proven -> follow(Principal.HUB, entry, camera),
            e ->
                e instanceof MoveCheck.Refused
                    ? judge(entry, camera, Move.REFUSED, e.getMessage())
                    : judge(entry, camera, Move.UNVERIFIED, "could not check: " + e.getMessage()));
  }

  /** Records a pending or refused claim: audited, and logged here once. */
  private Future<Discovered> judge(Discovered entry, Camera camera, String verdict, String why) {
    Move move = entry.move();
    return inbox
        .moves()
        .judge(entry.id(), move.to(), verdict, why)
        .onSuccess(
            d -> {
              if (Move.REFUSED.equals(verdict)) {
                LOG.warn("{} not followed to {}: {}", camera, move.to(), why);
              } else {
                LOG.info(
                    "{} claimed at {} by {}: stays at {} until the owner confirms the move ({})",
                    camera,
                    move.to(),
                    entry.protocol(),
                    move.from(),
                    why);
              }
            });
  }

  /** Moves the camera (if the claim is still current) and reconnects its feed there. */
  private Future<Discovered> follow(Principal actor, Discovered entry, Camera camera) {
    String to = entry.move().to();
    String host = Sighting.hostOf(to);
    Camera moved =
        new Camera(
            camera.id(),
            camera.name(),
            withHost(camera.url(), host),
            camera.snapshotUrl() == null ? null : withHost(camera.snapshotUrl(), host),
            camera.credentials(),
            camera.secrets(),
            host);
    String protocol = sources.forUrl(moved.url()).protocol();
    return inbox
        .moves()
        .settle(actor, entry.id(), to, true)
        .compose(
            settled ->
                cameras.update(actor, protocol, moved).compose(switchboard::update).map(settled))
        .onSuccess(d -> LOG.info("{} followed to {} ({})", moved, host, actor.auditName()));
  }

  /** {@code uri} with its host replaced (user-info, port, path and query kept). */
  static URI withHost(URI uri, String host) {
    String bracketed = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    try {
      return new URI(
          uri.getScheme(),
          uri.getRawUserInfo() == null ? null : uri.getUserInfo(),
          bracketed,
          uri.getPort(),
          uri.getPath(),
          uri.getQuery(),
          uri.getFragment());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot move " + uri + " to host " + host, e);
    }
  }
}
