package io.hearth.runtime.camera;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Locale;

/**
 * An adopted camera: where to pull video from ({@code url}: rtsp://, rtsps://, http(s):// for
 * MJPEG), an optional JPEG snapshot URL, and credentials. Credentials never appear in {@link
 * #toJson()} or {@link #toString()}: they are for the adapter, not for people.
 *
 * <p>{@code followedHost} is the host discovery moved the camera to (proven or confirmed, never
 * typed by the owner), or null: while the camera's URL is on that host, adapters send its password
 * only as a digest or over TLS ({@link #plainPasswordAllowed}).
 */
public record Camera(
    String id,
    String name,
    URI url,
    URI snapshotUrl,
    Credentials credentials,
    String followedHost) {

  /** A camera whose addresses the owner gave (or adoption found): no followed host. */
  public Camera(String id, String name, URI url, URI snapshotUrl, Credentials credentials) {
    this(id, name, url, snapshotUrl, credentials, null);
  }

  /** User name and password for the camera. */
  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[username=" + username + ", password=****]";
    }
  }

  /**
   * Whether an adapter may send the password readable (HTTP or RTSP Basic) to {@code target}: not
   * when discovery moved the camera to that host, unless the connection is TLS ({@code rtsps},
   * {@code https}).
   */
  public boolean plainPasswordAllowed(URI target) {
    if (followedHost == null || target == null || target.getHost() == null) {
      return true;
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("rtsps") || scheme.equals("https")) {
      return true;
    }
    String host = target.getHost().replace("[", "").replace("]", "");
    return !host.equalsIgnoreCase(followedHost.replace("[", "").replace("]", ""));
  }

  /** The URL with any user-info stripped, safe to show and log. */
  public String safeUrl() {
    return strip(url);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("url", safeUrl())
        .put("snapshot_url", snapshotUrl == null ? null : strip(snapshotUrl))
        .put("has_credentials", credentials != null);
  }

  @Override
  public String toString() {
    return "Camera[" + id + ", " + name + ", " + safeUrl() + "]";
  }

  /** {@code uri} without user-info, safe to show and compare. */
  public static String strip(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.toString().replace(uri.getRawUserInfo() + "@", "");
  }
}
