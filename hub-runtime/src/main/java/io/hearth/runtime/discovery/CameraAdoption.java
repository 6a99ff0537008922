package io.hearth.runtime.discovery;

import io.hearth.runtime.HubException;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.store.CameraStore;
import io.hearth.runtime.stream.Switchboard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cameras out of the inbox: adopts an entry that announced its stream URL ({@code stream_url},
 * optionally {@code snapshot_url}) as a camera, and follows adopted cameras when discovery sees
 * them at a new address: the camera's URLs get the new host, and an open feed reconnects to it.
 */
public final class CameraAdoption implements Adopter {
  /** The detail that holds a camera's stream URL, as announced. */
  public static final String STREAM_URL = "stream_url";

  /** The detail that holds a camera's JPEG snapshot URL, as announced. */
  public static final String SNAPSHOT_URL = "snapshot_url";

  private static final Logger LOG = LoggerFactory.getLogger(CameraAdoption.class);

  private final CameraStore cameras;
  private final MediaSources sources;
  private final Switchboard switchboard;

  public CameraAdoption(CameraStore cameras, MediaSources sources, Switchboard switchboard) {
    this.cameras = cameras;
    this.sources = sources;
    this.switchboard = switchboard;
  }

  /** Listens for moves of adopted cameras. */
  public void follow(Vertx vertx) {
    vertx
        .eventBus()
        .<JsonObject>consumer(Inbox.MOVED, m -> moved(m.body()))
        .completion()
        .onFailure(e -> LOG.error("cannot follow moved cameras: {}", e.getMessage()));
  }

  @Override
  public Future<String> adopt(
      Principal owner, Discovered entry, String name, Camera.Credentials credentials) {
    return create(
        owner,
        name,
        entry.sighting().details().get(STREAM_URL),
        entry.sighting().details().get(SNAPSHOT_URL),
        credentials);
  }

  /** Creates a camera from URLs a discovery protocol found; the id of the new camera. */
  public Future<String> create(
      Principal owner,
      String name,
      String streamUrl,
      String snapshotUrl,
      Camera.Credentials credentials) {
    try {
      if (streamUrl == null) {
        throw new HubException(
            422,
            "not_adoptable",
            name + " did not announce a stream URL; add it as a camera with POST /api/v1/cameras");
      }
      URI url = parse(streamUrl);
      URI snapshot = snapshotUrl == null ? null : parse(snapshotUrl);
      MediaSourceFactory factory = sources.forUrl(url);
      String wanted = Camera.strip(url);
      // A camera already added by hand with this stream URL is the same camera: link it, never
      // make a second one.
      return cameras
          .list()
          .compose(
              existing -> {
                for (Camera c : existing) {
                  if (c.safeUrl().equals(wanted)) {
                    return Future.succeededFuture(c.id());
                  }
                }
                return cameras
                    .create(
                        owner,
                        factory.protocol(),
                        new Camera(null, name, url, snapshot, credentials))
                    .map(Camera::id);
              });
    } catch (HubException e) {
      return Future.failedFuture(e);
    }
  }

  private void moved(JsonObject move) {
    String id = move.getString("adopted_id");
    String host = move.getString("host");
    if (id == null || !id.startsWith("cam_") || host == null) {
      return;
    }
    cameras
        .get(id)
        .compose(
            camera -> {
              Camera changed =
                  new Camera(
                      camera.id(),
                      camera.name(),
                      withHost(camera.url(), host),
                      camera.snapshotUrl() == null ? null : withHost(camera.snapshotUrl(), host),
                      camera.credentials());
              if (changed.url().equals(camera.url())) {
                return Future.succeededFuture();
              }
              String protocol = sources.forUrl(changed.url()).protocol();
              return cameras
                  .update(Principal.HUB, protocol, changed)
                  .compose(saved -> switchboard.update(saved))
                  .onSuccess(v -> LOG.info("{} now followed at {}", changed, host));
            })
        .onFailure(e -> LOG.warn("could not follow camera {} to {}: {}", id, host, e.getMessage()));
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

  private static URI parse(String text) {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(text, "no scheme or host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw HubException.badRequest(
          "the announced URL " + text + " is not usable: " + e.getReason());
    }
  }
}
