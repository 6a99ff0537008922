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
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\""
        + Namespaces.SOAP12
        + "\" xmlns:tds=\""
        + Namespaces.DEVICE
        + "\" xmlns:trt=\""
        + Namespaces.MEDIA
        + "\" xmlns:tt=\""
        + Namespaces.SCHEMA
        + "\"><s:Header>"
        + (credentials == null ? "" : UsernameToken.header(credentials))
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
