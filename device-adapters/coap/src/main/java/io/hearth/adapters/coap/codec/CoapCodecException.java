package io.hearth.adapters.coap.codec;

/** Bad or oversized CoAP payload text: says what was wrong and where, for a log line or an API. */
public final class CoapCodecException extends Exception {
  private static final long serialVersionUID = 1L;

  public CoapCodecException(String message) {
    super(message);
  }
}
