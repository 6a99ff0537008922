package io.hearth.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.discovery.Sighting;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The WS-Discovery codec on its own: what it reads, what it refuses, and why. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DiscoveryMessagesTest {
  private static final String XADDR = "http://10.0.0.7/onvif/device_service";

  @Test
  void readsAProbeMatchWhateverPrefixesTheSenderChose() {
    String xml =
        "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\""
            + " xmlns:w=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
            + " xmlns:q=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\"><e:Header>"
            + "<w:RelatesTo>urn:uuid:p1</w:RelatesTo><w:Action>"
            + "http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</w:Action></e:Header>"
            + "<e:Body><q:ProbeMatches><q:ProbeMatch><w:EndpointReference><w:Address>urn:uuid:c1"
            + "</w:Address></w:EndpointReference><q:Types xmlns:n=\"http://www.onvif.org/ver10/network/wsdl\">"
            + "n:NetworkVideoTransmitter</q:Types><q:Scopes> onvif://www.onvif.org/name/Front%20Door"
            + "  onvif://www.onvif.org/hardware/X1 </q:Scopes><q:XAddrs>"
            + XADDR
            + " http://[fe80::1]/onvif/device_service</q:XAddrs></q:ProbeMatch></q:ProbeMatches>"
            + "</e:Body></e:Envelope>";
    Announcement a = parse(xml).get(0);
    assertEquals(Announcement.Kind.PROBE_MATCH, a.kind());
    assertEquals("urn:uuid:p1", a.relatesTo());
    assertTrue(a.isOnvifDevice());

    Sighting s = Sightings.of(a, address("10.0.0.7")).orElseThrow();
    assertEquals("urn:uuid:c1", s.identity());
    assertEquals("Front Door", s.name());
    assertEquals("10.0.0.7", s.address());
    assertEquals(XADDR, s.details().get(Sightings.XADDRS));
    assertEquals("X1", s.details().get("hardware"));
    assertTrue(
        Sightings.of(a, address("10.0.0.8")).isEmpty(), "addresses on another host are dropped");
  }

  @Test
  void aTypeInAnotherNamespaceIsNotAnOnvifDevice() {
    String xml =
        Hellos.hello("urn:uuid:c2", "Cam", XADDR)
            .replace(
                "xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\"",
                "xmlns:dn=\"http://example.com/network\"");
    assertTrue(!parse(xml).get(0).isOnvifDevice());
  }

  @Test
  void refusesWhatIsNotAWellFormedDiscoveryMessage() {
    refused(Hellos.billionLaughs("urn:uuid:c", XADDR), "DOCTYPE");
    refused(Hellos.externalEntity("urn:uuid:c", XADDR, "/etc/hostname"), "DOCTYPE");
    refused(Hellos.helloInWrongNamespace("urn:uuid:c", XADDR), "no Hello");
    refused(Hellos.hello("urn:uuid:c", "Cam", XADDR).substring(0, 200), "not acceptable XML");
    refused(Hellos.hello("urn:uuid:c", "C".repeat(40_000), XADDR), "more than the 32768 allowed");
    refused(Hellos.hello("", "Cam", XADDR), "no endpoint reference");
    refused(
        Hellos.envelope("ProbeMatches", Hellos.DISCOVERY, null, "<d:ProbeMatches/>"),
        "do not say which Probe");
    refused(
        Hellos.hello("urn:uuid:c", "Cam", XADDR).replace("2003/05/soap-envelope", "2003/05/soap"),
        "not a SOAP envelope");
  }

  @Test
  void otherClientsProbesAreIgnoredNotRefused() {
    byte[] probe = DiscoveryMessages.probe("urn:uuid:p", false);
    assertEquals(List.of(), DiscoveryMessages.parse(probe, probe.length));
  }

  @Test
  void usernameTokenDigestMatchesTheWsSecurityFormula() {
    byte[] nonce = new byte[16];
    for (int i = 0; i < nonce.length; i++) {
      nonce[i] = (byte) i;
    }
    // Computed independently with Python's hashlib: b64(sha1(nonce + created + password)).
    assertEquals(
        "vhkNh82r7E2rA9qMKzvKdpwqvjc=",
        UsernameToken.digest(nonce, "2024-01-01T00:00:00Z", "secret"));
    String header = UsernameToken.header("a<b", nonce, "2024-01-01T00:00:00Z", "secret");
    assertTrue(header.contains("<wsse:Username>a&lt;b</wsse:Username>"), header);
    assertTrue(!header.contains("secret"), "the password never travels in clear");
  }

  private static void refused(String xml, String words) {
    OnvifXmlException e = assertThrows(OnvifXmlException.class, () -> parse(xml));
    assertTrue(e.getMessage().contains(words), e.getMessage());
  }

  private static List<Announcement> parse(String xml) {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    return DiscoveryMessages.parse(bytes, bytes.length);
  }

  private static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
