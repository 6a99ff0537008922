package io.hearth.adapters.mjpeg;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.camera.UrlSecrets;
import io.hearth.runtime.error.HubException;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns what went wrong talking to a camera into an OFFLINE status, and that into an error. */
final class OfflineReasons {
  private OfflineReasons() {}

  /** Thrown inside the adapter when the camera refuses or cannot be given credentials. */
  static final class AuthFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AuthFailed(String message) {
      super(message);
    }
  }

  /** The status for a failure; {@code responded} says whether the camera had answered yet. */
  static CameraStatus of(Throwable failure, boolean responded) {
    String message = String.valueOf(failure.getMessage());
    if (failure instanceof AuthFailed) {
      return CameraStatus.offline(Reason.AUTH_FAILED, message);
    }
    if (failure instanceof ConnectException || failure instanceof UnknownHostException) {
      return CameraStatus.offline(Reason.UNREACHABLE, "cannot connect: " + message);
    }
    if (failure instanceof TimeoutException) {
      return CameraStatus.offline(Reason.TIMEOUT, message);
    }
    if (failure instanceof SSLException) {
      return CameraStatus.offline(Reason.PROTOCOL_ERROR, "TLS failed: " + message);
    }
    if (responded || failure instanceof HttpClosedException) {
      return CameraStatus.offline(Reason.CLOSED_BY_CAMERA, "connection lost: " + message);
    }
    return CameraStatus.offline(Reason.UNREACHABLE, message);
  }

  /** The status for a non-2xx answer to a GET. */
  static CameraStatus ofHttpStatus(int status, String statusMessage, String target) {
    // The request target may carry a camera password in its query: never in a status or a log.
    String path = UrlSecrets.redact(target);
    if (status == 401 || status == 403) {
      return CameraStatus.offline(
          Reason.AUTH_FAILED,
          "the camera refused access to " + path + " (" + status + " " + statusMessage + ")");
    }
    return CameraStatus.offline(
        Reason.PROTOCOL_ERROR,
        "the camera answered " + status + " " + statusMessage + " for " + path);
  }

  /** A user-facing error for an OFFLINE status: 504 for a timeout, else 502. */
  static HubException toHubException(Camera camera, CameraStatus status) {
    int httpStatus = status.reason() == Reason.TIMEOUT ? 504 : 502;
    String code = "camera_" + status.reason().name().toLowerCase(Locale.ROOT);
    return new HubException(httpStatus, code, camera.name() + ": " + status.detail());
  }
}
