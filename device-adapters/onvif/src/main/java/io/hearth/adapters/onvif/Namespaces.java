package io.hearth.adapters.onvif;

/** The XML namespaces of SOAP, WS-Addressing, WS-Discovery, WS-Security and ONVIF used here. */
final class Namespaces {
  static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
  static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
  static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
  static final String WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
  static final String WSSE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  static final String WSU =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  static final String DEVICE = "http://www.onvif.org/ver10/device/wsdl";
  static final String MEDIA = "http://www.onvif.org/ver10/media/wsdl";
  static final String SCHEMA = "http://www.onvif.org/ver10/schema";
  static final String NETWORK = "http://www.onvif.org/ver10/network/wsdl";
  static final String EVENTS = "http://www.onvif.org/ver10/events/wsdl";
  static final String WSNT = "http://docs.oasis-open.org/wsn/b-2";
  static final String WSA10 = "http://www.w3.org/2005/08/addressing";

  private Namespaces() {}

  /** Whether {@code ns} is a SOAP envelope namespace (1.2, or 1.1 from older cameras). */
  static boolean isSoap(String ns) {
    return SOAP12.equals(ns) || SOAP11.equals(ns);
  }
}
