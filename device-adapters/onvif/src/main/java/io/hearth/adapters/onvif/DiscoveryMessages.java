package io.hearth.adapters.onvif;

import static io.hearth.adapters.onvif.Namespaces.NETWORK;
import static io.hearth.adapters.onvif.Namespaces.WSA;
import static io.hearth.adapters.onvif.Namespaces.WSD;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The WS-Discovery (2005/04) messages ONVIF uses, in plain Java: the Probe the hub sends, and the
 * Hello, Bye and ProbeMatches it reads. Reading is strict: the envelope, the action and every
 * element must be in the right namespace, or the message is refused.
 */
final class DiscoveryMessages {
  /** Types are compared as {@code namespace#local}, whatever prefix the sender used. */
  static final String NVT_TYPE = NETWORK + "#NetworkVideoTransmitter";

  static final String DEVICE_TYPE = Namespaces.DEVICE + "#Device";
  static final String MULTICAST_TO = "urn:schemas-xmlsoap-org:ws:2005:04:discovery";

  /** The receive buffer: the largest UDP datagram fits. */
  static final int MAX_DATAGRAM = 65_536;

  /** Real Hello and ProbeMatches messages are a few KiB; larger ones are refused unparsed. */
  static final int MAX_MESSAGE = 32_768;

  static final int MAX_ITEMS = 32;

  private static final String ACTION = WSD + "/";

  private DiscoveryMessages() {}

  /** A Probe for {@code type} ({@code dn:NetworkVideoTransmitter} or {@code tds:Device}). */
  static byte[] probe(String messageId, boolean device) {
    String type = device ? "tds:Device" : "dn:NetworkVideoTransmitter";
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<s:Envelope xmlns:s=\""
            + Namespaces.SOAP12
            + "\" xmlns:a=\""
            + WSA
            + "\" xmlns:d=\""
            + WSD
            + "\" xmlns:dn=\""
            + NETWORK
            + "\" xmlns:tds=\""
            + Namespaces.DEVICE
            + "\"><s:Header><a:Action s:mustUnderstand=\"1\">"
            + ACTION
            + "Probe</a:Action><a:MessageID>"
            + messageId
            + "</a:MessageID><a:To s:mustUnderstand=\"1\">"
            + MULTICAST_TO
            + "</a:To></s:Header><s:Body><d:Probe><d:Types>"
            + type
            + "</d:Types></d:Probe></s:Body></s:Envelope>";
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  static String newMessageId() {
    return "urn:uuid:" + UUID.randomUUID();
  }

  /**
   * The announcements in one datagram: empty for messages that are not for the hub (a Probe from
   * another client, say); a failure for anything malformed.
   */
  static List<Announcement> parse(byte[] bytes, int length) {
    Document doc = SafeXml.parse(bytes, length, MAX_MESSAGE);
    Element envelope = doc.getDocumentElement();
    if (!Namespaces.isSoap(envelope.getNamespaceURI())
        || !"Envelope".equals(envelope.getLocalName())) {
      throw new OnvifXmlException("it is not a SOAP envelope");
    }
    String soap = envelope.getNamespaceURI();
    Element header =
        SafeXml.child(envelope, soap, "Header")
            .orElseThrow(() -> new OnvifXmlException("it has no SOAP header"));
    Element body =
        SafeXml.child(envelope, soap, "Body")
            .orElseThrow(() -> new OnvifXmlException("it has no SOAP body"));
    String action =
        SafeXml.text(header, WSA, "Action")
            .orElseThrow(() -> new OnvifXmlException("it has no WS-Addressing action"));
    String relatesTo = SafeXml.text(header, WSA, "RelatesTo").orElse(null);
    return switch (action) {
      case ACTION + "Hello" -> List.of(target(Announcement.Kind.HELLO, null, one(body, "Hello")));
      case ACTION + "Bye" -> List.of(target(Announcement.Kind.BYE, null, one(body, "Bye")));
      case ACTION + "ProbeMatches" -> matches(body, relatesTo);
      default -> List.of();
    };
  }

  private static List<Announcement> matches(Element body, String relatesTo) {
    if (relatesTo == null) {
      throw new OnvifXmlException("its ProbeMatches do not say which Probe they answer");
    }
    Element matches = one(body, "ProbeMatches");
    List<Announcement> found = new ArrayList<>();
    for (Element match : SafeXml.children(matches, WSD, "ProbeMatch")) {
      if (found.size() >= MAX_ITEMS) {
        break;
      }
      found.add(target(Announcement.Kind.PROBE_MATCH, relatesTo, match));
    }
    return found;
  }

  private static Element one(Element body, String name) {
    return SafeXml.child(body, WSD, name)
        .orElseThrow(() -> new OnvifXmlException("its body has no " + name + " in " + WSD));
  }

  private static Announcement target(Announcement.Kind kind, String relatesTo, Element e) {
    String endpoint =
        SafeXml.child(e, WSA, "EndpointReference")
            .flatMap(ref -> SafeXml.text(ref, WSA, "Address"))
            .filter(a -> !a.isBlank())
            .orElseThrow(() -> new OnvifXmlException("it names no endpoint reference address"));
    Optional<Element> types = SafeXml.child(e, WSD, "Types");
    return new Announcement(
        kind,
        relatesTo,
        endpoint,
        types.map(DiscoveryMessages::qualifiedTypes).orElse(List.of()),
        SafeXml.text(e, WSD, "Scopes").map(DiscoveryMessages::split).orElse(List.of()),
        SafeXml.text(e, WSD, "XAddrs").map(DiscoveryMessages::split).orElse(List.of()));
  }

  /** Each {@code prefix:local} type, resolved against the namespaces in scope where it stands. */
  private static List<String> qualifiedTypes(Element types) {
    List<String> found = new ArrayList<>();
    for (String qname : split(types.getTextContent())) {
      int colon = qname.indexOf(':');
      String prefix = colon < 0 ? null : qname.substring(0, colon);
      String ns = types.lookupNamespaceURI(prefix);
      if (ns != null) {
        found.add(ns + "#" + qname.substring(colon + 1));
      }
    }
    return found;
  }

  private static List<String> split(String text) {
    return Arrays.stream(text.strip().split("\\s+"))
        .filter(s -> !s.isEmpty())
        .limit(MAX_ITEMS)
        .toList();
  }
}
