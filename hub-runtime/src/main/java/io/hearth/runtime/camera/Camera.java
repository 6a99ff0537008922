package io.hearth.runtime.camera;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An adopted camera: where to pull video from ({@code url}: rtsp://, rtsps://, http(s):// for
 * MJPEG), an optional JPEG snapshot URL, and credentials. Secrets are kept apart from the URLs: a
 * Camera's {@link #url()} and {@link #snapshotUrl()} never hold user-info (it becomes {@link
 * #credentials()}) nor secret query values (they become {@link #secrets()}, with {@link
 * UrlSecrets#PLACEHOLDER} left in the URL), whatever the constructor was given. Only adapters call
 * {@link #connectUrl()} and {@link #connectSnapshotUrl()}, which put the query secrets back.
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
    Secrets secrets,
    String followedHost) {

  /** User name and password for the camera. */
  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[username=****, password=****]";
    }
  }

  /**
   * Secret query values of the stream URL and of the snapshot URL, by parameter key (see {@link
   * UrlSecrets#split}); raw, as the camera expects them.
   */
  public record Secrets(Map<String, String> url, Map<String, String> snapshot) {
    public static final Secrets NONE = new Secrets(Map.of(), Map.of());

    public Secrets {
      url = Map.copyOf(url);
      snapshot = Map.copyOf(snapshot);
    }

    /** These secrets with {@code moreUrl} and {@code moreSnapshot} added (theirs win). */
    public Secrets plus(Map<String, String> moreUrl, Map<String, String> moreSnapshot) {
      Map<String, String> u = new HashMap<>(url);
      u.putAll(moreUrl);
      Map<String, String> s = new HashMap<>(snapshot);
      s.putAll(moreSnapshot);
      return new Secrets(u, s);
    }

    public boolean isEmpty() {
      return url.isEmpty() && snapshot.isEmpty();
    }

    @Override
    public String toString() {
      return "Secrets[url=" + url.keySet() + ", snapshot=" + snapshot.keySet() + "]";
    }
  }

  /** Splits any secret out of the URLs given, so no Camera holds one in a URL. */
  public Camera {
    UrlSecrets.Split stream = UrlSecrets.split(url);
    UrlSecrets.Split still = UrlSecrets.split(snapshotUrl);
    if (credentials == null) {
      credentials = fromUserInfo(url);
    }
    if (credentials == null) {
      credentials = fromUserInfo(snapshotUrl);
    }
    secrets = (secrets == null ? Secrets.NONE : secrets).plus(stream.values(), still.values());
    url = withoutUserInfo(stream.url());
    snapshotUrl = withoutUserInfo(still.url());
  }

  /** A camera whose query secrets, if any, are still in its URLs (they are split out). */
  public Camera(String id, String name, URI url, URI snapshotUrl, Credentials credentials) {
    this(id, name, url, snapshotUrl, credentials, Secrets.NONE, null);
  }

  /** A camera at the addresses the owner gave (or adoption found): no followed host. */
  public Camera(
      String id, String name, URI url, URI snapshotUrl, Credentials credentials, Secrets secrets) {
    this(id, name, url, snapshotUrl, credentials, secrets, null);
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

  /** The stream URL with its query secrets back in place: for the adapter's request only. */
  public URI connectUrl() {
    return UrlSecrets.fill(url, secrets.url());
  }

  /** The snapshot URL with its query secrets back in place, or null: for the adapter only. */
  public URI connectSnapshotUrl() {
    return UrlSecrets.fill(snapshotUrl, secrets.snapshot());
  }

  /** Whether a user name, password or secret query value is set. */
  public boolean hasCredentials() {
    return credentials != null || !secrets.isEmpty();
  }

  /** The URL as stored, safe to show the owner and to log: no user-info, secrets masked. */
  public String safeUrl() {
    return url.toString();
  }

  /** The owner's view (and the audit log's): URLs with secrets masked, never the secrets. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("url", safeUrl())
        .put("snapshot_url", snapshotUrl == null ? null : snapshotUrl.toString())
        .put("has_credentials", hasCredentials());
  }

  @Override
  public String toString() {
    return "Camera[" + id + ", " + name + ", " + safeUrl() + "]";
  }

  /**
   * {@code uri} without user-info and with secret query values masked, safe to show and compare.
   */
  public static String strip(URI uri) {
    return UrlSecrets.redact(uri.toString());
  }

  private static URI withoutUserInfo(URI uri) {
    if (uri == null || uri.getRawUserInfo() == null) {
      return uri;
    }
    String text = uri.toString();
    int start = text.indexOf("://") + 3;
    return URI.create(
        text.substring(0, start) + text.substring(start + uri.getRawUserInfo().length() + 1));
  }

  private static Credentials fromUserInfo(URI url) {
    String info = url == null ? null : url.getRawUserInfo();
    if (info == null) {
      return null;
    }
    int colon = info.indexOf(':');
    String user = colon < 0 ? info : info.substring(0, colon);
    String password = colon < 0 ? "" : info.substring(colon + 1);
    return new Credentials(decode(user), decode(password));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
