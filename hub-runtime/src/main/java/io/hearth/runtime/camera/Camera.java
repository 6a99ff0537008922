package io.hearth.runtime.camera;

import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * An adopted camera: where to pull video from ({@code url}: rtsp://, rtsps://, http(s):// for
 * MJPEG), an optional JPEG snapshot URL, and credentials. Credentials never appear in {@link
 * #toJson()} or {@link #toString()}: they are for the adapter, not for people.
 */
public record Camera(String id, String name, URI url, URI snapshotUrl, Credentials credentials) {

  /** User name and password for the camera. */
  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[username=" + username + ", password=****]";
    }
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
