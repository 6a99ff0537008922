package io.hearth.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Fuzzes the XML the hub reads from the network: WS-Discovery datagrams (Hello, Bye, ProbeMatches)
 * and ONVIF SOAP answers. Contract: announcements within {@link DiscoveryMessages#MAX_ITEMS} each
 * way, or an {@link OnvifXmlException} saying what was wrong; no DOCTYPE, entity or external fetch
 * (Jazzer's XML and SSRF sanitizers watch for those); never another exception.
 */
class OnvifXmlFuzzTest {
  private static final int MAX_RESPONSE = 64 * 1024;

  @FuzzTest
  void anyDatagramGivesBoundedAnnouncementsOrXmlException(byte[] input) {
    try {
      List<Announcement> found = DiscoveryMessages.parse(input, input.length);
      assertTrue(found.size() <= DiscoveryMessages.MAX_ITEMS);
      for (Announcement a : found) {
        assertTrue(!a.endpoint().isBlank(), "announcement without endpoint");
        assertTrue(a.types().size() <= DiscoveryMessages.MAX_ITEMS);
        assertTrue(a.scopes().size() <= DiscoveryMessages.MAX_ITEMS);
        assertTrue(a.xaddrs().size() <= DiscoveryMessages.MAX_ITEMS);
      }
    } catch (OnvifXmlException expected) {
      assertTrue(!expected.getMessage().isBlank());
    }
  }

  @FuzzTest
  void anySoapAnswerGivesABodyOrXmlException(byte[] input) {
    try {
      Element body = Soap.body(SafeXml.parse(input, input.length, MAX_RESPONSE));
      Optional<String> fault = Soap.fault(body);
      fault.ifPresent(f -> assertTrue(f.length() <= input.length));
      readLikeTheDevice(body).forEach(t -> assertTrue(t.length() <= input.length));
    } catch (OnvifXmlException expected) {
      assertTrue(!expected.getMessage().isBlank());
    }
  }

  /** The texts {@link OnvifDevice} looks up in an answer, looked up in whatever it holds. */
  private static List<String> readLikeTheDevice(Element body) {
    List<String> found = new ArrayList<>();
    for (Element answer : SafeXml.children(body, Namespaces.MEDIA, "GetProfilesResponse")) {
      for (Element profile : SafeXml.children(answer, Namespaces.MEDIA, "Profiles")) {
        SafeXml.child(profile, Namespaces.SCHEMA, "VideoEncoderConfiguration")
            .flatMap(v -> SafeXml.text(v, Namespaces.SCHEMA, "Encoding"))
            .ifPresent(found::add);
      }
    }
    SafeXml.find(body, Namespaces.SCHEMA, "Media")
        .flatMap(m -> SafeXml.text(m, Namespaces.SCHEMA, "XAddr"))
        .ifPresent(found::add);
    SafeXml.find(body, Namespaces.SCHEMA, "Uri").map(Element::getTextContent).ifPresent(found::add);
    SafeXml.text(body, Namespaces.DEVICE, "Manufacturer").ifPresent(found::add);
    return found;
  }
}
