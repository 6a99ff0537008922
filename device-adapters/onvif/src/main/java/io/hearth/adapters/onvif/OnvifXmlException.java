package io.hearth.adapters.onvif;

/** XML from a camera or the network that the adapter refuses; the message says why. */
final class OnvifXmlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  OnvifXmlException(String message) {
    super(message);
  }
}
