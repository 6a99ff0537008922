package io.hearth.adapters.coap.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hearth.runtime.device.Capability;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes what a CoAP device answers: its {@code /.well-known/core} link format (mapped to
 * capabilities, as adoption does) and its resource payloads (text, JSON, CBOR; converted to a
 * capability's value, as observation does). Contract: a bounded result or a {@link
 * CoapCodecException} with a reason; never another exception.
 */
class CoapCodecFuzzTest {
  private static final int MAX_BYTES = 1024;
  private static final int MAX_LINKS = 16;
  private static final int[] FORMATS = {
    PayloadDecoder.TEXT, PayloadDecoder.JSON, PayloadDecoder.CBOR, PayloadDecoder.UNDEFINED, 42
  };

  @FuzzTest
  void anyLinkFormatGivesBoundedLinksOrCodecException(byte[] input) {
    try {
      List<WebLink> links = new LinkFormat(MAX_BYTES, MAX_LINKS).parse(input);
      assertTrue(links.size() <= MAX_LINKS, links.size() + " links");
      for (WebLink link : links) {
        assertTrue(link.attributes().size() <= LinkFormat.MAX_ATTRIBUTES);
        link.attributes()
            .values()
            .forEach(v -> assertTrue(v.length() <= LinkFormat.MAX_VALUE_CHARS));
        ResourceMap.map(link);
      }
    } catch (CoapCodecException expected) {
      assertTrue(!expected.getMessage().isBlank());
    }
  }

  /** The first byte picks the content format and the capability; the rest is the payload. */
  @FuzzTest
  void anyPayloadGivesAScalarOrCodecException(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int format = FORMATS[(input[0] & 0xFF) % FORMATS.length];
    Capability[] capabilities = Capability.values();
    Capability capability = capabilities[((input[0] & 0xFF) >> 3) % capabilities.length];
    byte[] payload = Arrays.copyOfRange(input, 1, input.length);
    try {
      Object value = new PayloadDecoder(MAX_BYTES).decode(format, payload);
      assertTrue(
          value instanceof Double || value instanceof Boolean || value instanceof String,
          "not a scalar: " + value);
      CapabilityValue.convert(capability, value);
    } catch (CoapCodecException expected) {
      assertTrue(!expected.getMessage().isBlank());
    }
  }
}
