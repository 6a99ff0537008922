package io.hearth.adapters.coap;

/**
 * A CoAP response as the adapter sees it: its code ({@code 2.05}), its content format ({@code -1}
 * when absent), its payload, and whether it is an RFC 7641 notification of a live observation.
 */
public record CoapReply(
    String code, boolean success, int contentFormat, byte[] payload, boolean observing) {

  public CoapReply {
    payload = payload == null ? new byte[0] : payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload's size without copying it. */
  public int size() {
    return payload.length;
  }
}
