package io.hearth.adapters.rtsp;

import io.hearth.adapters.rtsp.codec.RtspResponse;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.net.auth.AuthChallenge;
import io.hearth.runtime.net.auth.AuthException;
import io.hearth.runtime.net.auth.BasicAuth;
import io.hearth.runtime.net.auth.DigestAuth;
import java.util.List;
import java.util.Optional;

/**
 * Answers a camera's 401 challenge with the camera's credentials (from {@link Camera#credentials()}
 * or else the URL's user-info), choosing the strongest scheme offered. The credentials stay in
 * here: they are never logged and never put into a request URL. At an address discovery moved the
 * camera to ({@link Camera#plainPasswordAllowed}), Basic is refused: only a digest goes there.
 */
final class RtspAuth {
  private final String user;
  private final String password;
  private final boolean plainAllowed;
  private DigestAuth digest;
  private String basic;

  private RtspAuth(String user, String password, boolean plainAllowed) {
    this.user = user;
    this.password = password;
    this.plainAllowed = plainAllowed;
  }

  /** The credentials configured for a camera, if any. */
  static RtspAuth of(Camera camera) {
    boolean plain = camera.plainPasswordAllowed(camera.url());
    if (camera.credentials() != null) {
      return new RtspAuth(camera.credentials().username(), camera.credentials().password(), plain);
    }
    String info = camera.connectUrl().getUserInfo();
    if (info == null || info.isEmpty()) {
      return new RtspAuth(null, null, plain);
    }
    int colon = info.indexOf(':');
    return colon < 0
        ? new RtspAuth(info, "", plain)
        : new RtspAuth(info.substring(0, colon), info.substring(colon + 1), plain);
  }

  /** The Authorization header for a request, once a challenge has been answered. */
  Optional<String> header(String method, String uri) {
    if (digest != null) {
      return Optional.of(digest.authorization(method, uri));
    }
    return Optional.ofNullable(basic);
  }

  /**
   * Learns the challenge of a 401 answer so the request can be retried.
   *
   * @throws RtspFailure AUTH_FAILED without credentials or a usable scheme, PROTOCOL_ERROR on a
   *     malformed challenge
   */
  void challenge(RtspResponse unauthorized) {
    if (user == null) {
      throw new RtspFailure(
          Reason.AUTH_FAILED, "camera asks for credentials and none are configured for it");
    }
    AuthChallenge chosen =
        AuthChallenge.strongest(challenges(unauthorized))
            .orElseThrow(
                () ->
                    new RtspFailure(
                        Reason.AUTH_FAILED,
                        "camera offers no supported authentication (Basic, Digest MD5/SHA-256)"));
    try {
      if (chosen.isScheme("Digest")) {
        digest = DigestAuth.of(chosen, user, password);
        basic = null;
      } else if (!plainAllowed) {
        throw new RtspFailure(
            Reason.AUTH_FAILED,
            "camera asks for Basic authentication, which would send its password readable to an"
                + " address discovery found; set the camera to Digest, or enter its address"
                + " yourself");
      } else {
        basic = BasicAuth.header(user, password);
        digest = null;
      }
    } catch (AuthException e) {
      throw new RtspFailure(Reason.PROTOCOL_ERROR, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new RtspFailure(Reason.AUTH_FAILED, "credentials unusable: " + e.getMessage());
    }
  }

  private static List<AuthChallenge> challenges(RtspResponse response) {
    try {
      return AuthChallenge.parseAll(response.headers().getAll("WWW-Authenticate"));
    } catch (AuthException e) {
      throw new RtspFailure(Reason.PROTOCOL_ERROR, e.getMessage(), e);
    }
  }
}
