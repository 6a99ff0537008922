package io.hearth.adapters.onvif;

/** One ONVIF SOAP call that failed, and why, in words a user can act on. */
final class OnvifCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  enum Reason {
    /** The camera refused the user name or password (HTTP 401 or a NotAuthorized fault). */
    NOT_AUTHORIZED,
    /** No connection, or no complete answer in time. */
    UNREACHABLE,
    /** An answer the adapter refuses: too large, not XML, wrong namespaces, missing parts. */
    BAD_ANSWER,
    /** A SOAP fault or HTTP error other than authorisation. */
    FAULT,
    /** The service is outside the home network and the owner did not allow it (egress ledger). */
    EGRESS_REFUSED
  }

  private final Reason reason;

  OnvifCallException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
