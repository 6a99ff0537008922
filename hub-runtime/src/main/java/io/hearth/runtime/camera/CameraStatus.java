package io.hearth.runtime.camera;

import io.vertx.core.json.JsonObject;

/**
 * Whether a camera is delivering video, and if not, why, in words a user can act on. Adapters
 * report it instead of throwing.
 */
public record CameraStatus(State state, Reason reason, String detail) {
  /**
   * A detail quoting a camera URL or request loses its secrets: statuses reach logs and viewers.
   */
  public CameraStatus {
    detail = UrlSecrets.redact(detail);
  }

  /** The camera's state as the hub sees it. */
  public enum State {
    /** Not watched by anyone, so not connected: nothing is wrong. */
    IDLE,
    CONNECTING,
    ONLINE,
    OFFLINE
  }

  /** Why a camera is offline. */
  public enum Reason {
    NONE,
    UNREACHABLE,
    AUTH_FAILED,
    UNSUPPORTED_CODEC,
    PROTOCOL_ERROR,
    TIMEOUT,
    CLOSED_BY_CAMERA,
    /** The camera is outside the home network and the owner did not allow it (egress ledger). */
    EGRESS_REFUSED
  }

  public static final CameraStatus IDLE = new CameraStatus(State.IDLE, Reason.NONE, "");
  public static final CameraStatus CONNECTING = new CameraStatus(State.CONNECTING, Reason.NONE, "");
  public static final CameraStatus ONLINE = new CameraStatus(State.ONLINE, Reason.NONE, "");

  public static CameraStatus offline(Reason reason, String detail) {
    return new CameraStatus(State.OFFLINE, reason, detail);
  }

  public JsonObject toJson() {
    return toViewerJson().put("detail", detail);
  }

  /**
   * What a viewer who is not the owner sees: state and reason, without the detail, which may name
   * the camera's address ("cannot connect to 192.168.1.20:554").
   */
  public JsonObject toViewerJson() {
    return new JsonObject()
        .put("state", state.name().toLowerCase(java.util.Locale.ROOT))
        .put("reason", reason.name().toLowerCase(java.util.Locale.ROOT));
  }
}
