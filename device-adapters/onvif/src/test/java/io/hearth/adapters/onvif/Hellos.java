package io.hearth.adapters.onvif;

/** WS-Discovery messages, good and bad, as a camera (or an attacker) on the network sends them. */
final class Hellos {
  static final String DISCOVERY = "http://schemas.xmlsoap.org/ws/2005/04/discovery";

  private Hellos() {}

  static String hello(String endpoint, String name, String xaddr) {
    return envelope(
        "Hello", DISCOVERY, null, "<d:Hello>" + target(endpoint, name, xaddr) + "</d:Hello>");
  }

  static String probeMatches(String relatesTo, String endpoint, String name, String xaddr) {
    return envelope(
        "ProbeMatches",
        DISCOVERY,
        relatesTo,
        "<d:ProbeMatches><d:ProbeMatch>"
            + target(endpoint, name, xaddr)
            + "</d:ProbeMatch></d:ProbeMatches>");
  }

  /** A Hello whose discovery elements are in a namespace that only looks right. */
  static String helloInWrongNamespace(String endpoint, String xaddr) {
    return envelope(
        "Hello",
        "http://schemas.xmlsoap.org/ws/2005/04/discovery-not",
        null,
        "<d:Hello>" + target(endpoint, "Impostor", xaddr) + "</d:Hello>");
  }

  static String target(String endpoint, String name, String xaddr) {
    return "<a:EndpointReference><a:Address>"
        + endpoint
        + "</a:Address></a:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types>"
        + "<d:Scopes>onvif://www.onvif.org/name/"
        + name
        + " onvif://www.onvif.org/hardware/Evil-9</d:Scopes><d:XAddrs>"
        + xaddr
        + "</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>";
  }

  static String envelope(String action, String discoveryNs, String relatesTo, String body) {
    return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
        + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:d=\""
        + discoveryNs
        + "\" xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\"><s:Header>"
        + "<a:MessageID>urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a</a:MessageID>"
        + (relatesTo == null ? "" : "<a:RelatesTo>" + relatesTo + "</a:RelatesTo>")
        + "<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/"
        + action
        + "</a:Action></s:Header><s:Body>"
        + body
        + "</s:Body></s:Envelope>";
  }

  /** The billion laughs: ten levels of entities, each ten of the one below. */
  static String billionLaughs(String endpoint, String xaddr) {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [");
    dtd.append("<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    return dtd + hello(endpoint, "&lol9;", xaddr);
  }

  /** An external entity that would pull a local file into the camera's name. */
  static String externalEntity(String endpoint, String xaddr, String file) {
    return "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"file://"
        + file
        + "\">]>"
        + hello(endpoint, "&xxe;", xaddr);
  }
}
