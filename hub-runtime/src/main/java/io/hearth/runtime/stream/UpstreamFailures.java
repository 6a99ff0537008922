package io.hearth.runtime.stream;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.error.HubException;

/** Turns the failure of a camera's source into the OFFLINE status its viewers are shown. */
final class UpstreamFailures {
  private UpstreamFailures() {}

  static CameraStatus status(Throwable failure) {
    String detail = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    return CameraStatus.offline(reason(failure), detail);
  }

  private static Reason reason(Throwable failure) {
    if (!(failure instanceof HubException hub)) {
      return Reason.UNREACHABLE;
    }
    if ("egress_refused".equals(hub.code())) {
      return Reason.EGRESS_REFUSED;
    }
    if ("unreachable".equals(hub.code())) {
      return Reason.UNREACHABLE; // the egress ledger could not resolve the camera's host
    }
    return switch (hub.status()) {
      case 401, 403 -> Reason.AUTH_FAILED;
      case 408, 504 -> Reason.TIMEOUT;
      case 415, 501 -> Reason.UNSUPPORTED_CODEC;
      case 400, 422, 502 -> Reason.PROTOCOL_ERROR;
      default -> Reason.UNREACHABLE;
    };
  }
}
