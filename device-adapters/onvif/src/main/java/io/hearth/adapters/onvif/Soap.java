package io.hearth.adapters.onvif;

import io.hearth.runtime.camera.Camera;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** SOAP 1.2 envelopes for ONVIF requests, and the body or fault of an answer. */
final class Soap {
  private Soap() {}

  /** A request envelope around {@code body}, with a UsernameToken if credentials are given. */
  static String envelope(String body, Camera.Credentials credentials) {
    return envelope(body, credentials, "");
  }

  /**
   * A request envelope with {@code headers} (WS-Addressing, say) besides the UsernameToken: the
   * event service's subscription managers ask for wsa:Action and wsa:To.
   */
  static String envelope(String body, Camera.Credentials credentials, String headers) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\""
        + Namespaces.SOAP12
        + "\" xmlns:tds=\""
        + Namespaces.DEVICE
        + "\" xmlns:trt=\""
        + Namespaces.MEDIA
        + "\" xmlns:tt=\""
        + Namespaces.SCHEMA
        + "\" xmlns:tev=\""
        + Namespaces.EVENTS
        + "\" xmlns:wsnt=\""
        + Namespaces.WSNT
        + "\" xmlns:wsa=\""
        + Namespaces.WSA10
        + "\"><s:Header>"
        + (credentials == null ? "" : UsernameToken.header(credentials))
        + headers
        + "</s:Header><s:Body>"
        + body
        + "</s:Body></s:Envelope>";
  }

  /** The answer's body element; fails if the document is not a SOAP envelope. */
  static Element body(Document doc) {
    Element envelope = doc.getDocumentElement();
    if (!Namespaces.isSoap(envelope.getNamespaceURI())
        || !"Envelope".equals(envelope.getLocalName())) {
      throw new OnvifXmlException("the answer is not a SOAP envelope");
    }
    return SafeXml.child(envelope, envelope.getNamespaceURI(), "Body")
        .orElseThrow(() -> new OnvifXmlException("the answer has no SOAP body"));
  }

  /** The fault in the body, if any: its codes and reason, in one line. */
  static Optional<String> fault(Element body) {
    String soap = body.getNamespaceURI();
    return SafeXml.child(body, soap, "Fault")
        .map(f -> f.getTextContent().strip().replaceAll("\\s+", " "));
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
