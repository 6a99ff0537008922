package io.hearth.adapters.rtsp;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.error.HubException;

/**
 * Why an RTSP source ended, as an exception that fails futures inside the adapter. It carries the
 * {@link Reason} the camera's status reports, and maps once, at the SPI edge, to a {@link
 * HubException} for {@code open}.
 */
final class RtspFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Reason reason;

  RtspFailure(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  RtspFailure(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }

  /** Any failure as an RtspFailure; unexpected ones become protocol errors. */
  static RtspFailure of(Throwable failure) {
    if (failure instanceof RtspFailure rtsp) {
      return rtsp;
    }
    return new RtspFailure(Reason.PROTOCOL_ERROR, "internal error: " + failure, failure);
  }

  CameraStatus status() {
    return CameraStatus.offline(reason, getMessage());
  }

  /** The failure as the hub's API reports it: 502 or 504, with a stable code. */
  HubException toHubException(String cameraName) {
    String message = "camera " + cameraName + ": " + getMessage();
    return switch (reason) {
      case TIMEOUT -> new HubException(504, "camera_timeout", message, this);
      case AUTH_FAILED -> new HubException(502, "camera_auth_failed", message, this);
      case UNREACHABLE -> new HubException(502, "camera_unreachable", message, this);
      case UNSUPPORTED_CODEC -> new HubException(502, "camera_unsupported_codec", message, this);
      case CLOSED_BY_CAMERA -> new HubException(502, "camera_closed", message, this);
      default -> new HubException(502, "camera_protocol_error", message, this);
    };
  }
}
