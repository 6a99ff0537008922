package io.hearth.adapters.coap;

import io.hearth.runtime.error.HubException;
import java.net.URI;
import java.util.List;

/**
 * The answers to adding a CoAP device that went wrong because of the device: each names the device,
 * says what it did wrong, and what the owner can do. 502 for an answer that is not what CoAP
 * discovery promises, 504 for no answer, 422 when the answer is sound but offers nothing usable.
 */
final class AddErrors {
  static final String EXPECTED =
      "Hearth expects RFC 6690 link format there, such as </temp>;rt=\"temperature\";obs";
  private static final int LISTED = 5;

  private AddErrors() {}

  /** The device answered {@code /.well-known/core} with an error code. */
  static HubException refused(URI base, String code) {
    return new HubException(
        502,
        "coap_refused",
        "the CoAP device at "
            + device(base)
            + " answered "
            + code
            + " to GET /.well-known/core: check that the URL points at a CoAP device that lists"
            + " its resources");
  }

  /** The device's {@code /.well-known/core} is not link format. */
  static HubException badDocument(URI base, String what) {
    return new HubException(
        502,
        "bad_link_format",
        "the CoAP device at "
            + device(base)
            + " answered GET /.well-known/core with "
            + what
            + ". "
            + EXPECTED
            + "; check the device's firmware or configuration");
  }

  /** The exchange itself failed: a timeout, a DTLS failure, an unreachable device. */
  static HubException noAnswer(URI base, HubException e) {
    if ("coap_bad_answer".equals(e.code())) {
      String why = e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
      return badDocument(base, "an answer Hearth refused: " + why + " (coap.max-payload-bytes)");
    }
    if (!"coap_timeout".equals(e.code())) {
      return e;
    }
    return new HubException(
        504,
        "coap_timeout",
        "the CoAP device at "
            + device(base)
            + " did not answer GET /.well-known/core in time: check its address and port, and"
            + " that it is on and reachable from the hub");
  }

  /** Every resource was refused or unreadable: nothing to add. */
  static HubException nothingUsable(URI base, List<CoapAddition.Unsupported> refused) {
    StringBuilder why = new StringBuilder();
    for (int i = 0; i < Math.min(LISTED, refused.size()); i++) {
      CoapAddition.Unsupported u = refused.get(i);
      why.append(i == 0 ? ": " : "; ").append(u.path()).append(" (").append(u.reason()).append(')');
    }
    if (refused.size() > LISTED) {
      why.append("; and ").append(refused.size() - LISTED).append(" more");
    }
    String found = refused.isEmpty() ? " lists no resources in /.well-known/core" : "";
    return new HubException(
        422,
        "no_usable_resource",
        "the CoAP device at "
            + device(base)
            + (found.isEmpty() ? " offers no resource Hearth can read" + why : found)
            + ". Hearth reads any resource that answers GET with text, a number, JSON or CBOR;"
            + " check the device's resources, e.g. with: coap-client -m get "
            + device(base)
            + "/.well-known/core");
  }

  /** A failure nobody foresaw, caused by the device's answer: still the device's answer. */
  static HubException unexpected(URI base, Throwable e) {
    return new HubException(
        502,
        "bad_device_answer",
        "the CoAP device at "
            + device(base)
            + " gave an answer Hearth could not use ("
            + e.getClass().getSimpleName()
            + "); check the device's firmware or configuration",
        e);
  }

  static String device(URI base) {
    String text = base.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
