package io.hearth.runtime.discovery;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.store.CameraStore;
import io.vertx.core.Future;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Cameras out of the inbox: adopts an entry that announced its stream URL ({@code stream_url},
 * optionally {@code snapshot_url}) as a camera. Moves of adopted cameras are {@link
 * CameraFollowing}'s.
 */
public final class CameraAdoption implements Adopter {
  /** The detail that holds a camera's stream URL, as announced. */
  public static final String STREAM_URL = "stream_url";

  /** The detail that holds a camera's JPEG snapshot URL, as announced. */
  public static final String SNAPSHOT_URL = "snapshot_url";

  private final CameraStore cameras;
  private final MediaSources sources;

  public CameraAdoption(CameraStore cameras, MediaSources sources) {
    this.cameras = cameras;
    this.sources = sources;
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

  private static URI parse(String text) {
    try {
      URI uri = new URI(io.hearth.runtime.camera.CameraUrls.encodeUserInfo(text));
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
