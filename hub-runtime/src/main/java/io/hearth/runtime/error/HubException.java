package io.hearth.runtime.error;

/**
 * A failure a user can act on: it carries an HTTP-style status, a stable machine-readable code and
 * a message saying what went wrong and what to do. The local API maps it to its answer once, at the
 * edge; modules fail their futures with it instead of throwing across async boundaries.
 */
public class HubException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public HubException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public HubException(int status, String code, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static HubException badRequest(String message) {
    return new HubException(400, "bad_request", message);
  }

  public static HubException unauthorized(String code, String message) {
    return new HubException(401, code, message);
  }

  public static HubException forbidden(String message) {
    return new HubException(403, "forbidden", message);
  }

  public static HubException notFound(String message) {
    return new HubException(404, "not_found", message);
  }

  /** The request is well formed but names something that does not exist or cannot be used. */
  public static HubException unprocessable(String code, String message) {
    return new HubException(422, code, message);
  }

  public static HubException conflict(String message) {
    return new HubException(409, "conflict", message);
  }
}
