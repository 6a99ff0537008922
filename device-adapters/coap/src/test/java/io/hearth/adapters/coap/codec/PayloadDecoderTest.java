package io.hearth.adapters.coap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.hearth.runtime.device.Capability;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadDecoderTest {
  private final PayloadDecoder decoder = new PayloadDecoder(256);

  @Test
  void plainTextBecomesNumberBooleanOrText() throws Exception {
    assertEquals(21.5, decoder.decode(PayloadDecoder.TEXT, bytes(" 21.5\n")));
    assertEquals(true, decoder.decode(PayloadDecoder.UNDEFINED, bytes("on")));
    assertEquals("Nov 21 12:00:00", decoder.decode(PayloadDecoder.TEXT, bytes("Nov 21 12:00:00")));
  }

  @Test
  void jsonScalarOrObjectMember() throws Exception {
    assertEquals(42.0, decoder.decode(PayloadDecoder.JSON, bytes("42")));
    assertEquals(19.0, decoder.decode(PayloadDecoder.JSON, bytes("{\"unit\":\"C\",\"value\":19}")));
    assertEquals(
        false, decoder.decode(PayloadDecoder.JSON, bytes("{\"nested\":{\"a\":1},\"on\":false}")));
  }

  @Test
  void cborObjectMember() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator gen = new CBORFactory().createGenerator(out)) {
      gen.writeStartObject();
      gen.writeNumberField("value", 55.5);
      gen.writeEndObject();
    }
    assertEquals(55.5, decoder.decode(PayloadDecoder.CBOR, out.toByteArray()));
  }

  @Test
  void refusesGarbageWithAReason() {
    assertReason(PayloadDecoder.JSON, bytes("{\"value\":"), "malformed JSON");
    assertReason(PayloadDecoder.CBOR, new byte[] {(byte) 0xff, 0x00}, "CBOR");
    assertReason(PayloadDecoder.TEXT, new byte[] {(byte) 0xc3, 0x28}, "not valid UTF-8");
    assertReason(PayloadDecoder.TEXT, bytes("a\u0001b"), "control characters");
    assertReason(PayloadDecoder.TEXT, bytes(""), "empty payload");
    assertReason(41, bytes("<x/>"), "unsupported content format 41");
    assertReason(PayloadDecoder.TEXT, new byte[257], "payload too large: 257 bytes, limit 256");
    assertReason(PayloadDecoder.JSON, bytes("[".repeat(50) + "]".repeat(50)), "holds no number");
  }

  @Test
  void convertsToCanonicalValuesAndRefusesImplausibleOnes() throws Exception {
    assertEquals(true, CapabilityValue.convert(Capability.SWITCH, 1.0));
    assertEquals(21.0, CapabilityValue.convert(Capability.TEMPERATURE, 21.0));
    CoapCodecException hot =
        assertThrows(
            CoapCodecException.class, () -> CapabilityValue.convert(Capability.HUMIDITY, 180.0));
    assertTrue(hot.getMessage().contains("plausible"));
    assertThrows(
        CoapCodecException.class, () -> CapabilityValue.convert(Capability.TEMPERATURE, "warm"));
    assertThrows(CoapCodecException.class, () -> CapabilityValue.convert(Capability.MOTION, 2.0));
  }

  private void assertReason(int format, byte[] payload, String reason) {
    CoapCodecException e =
        assertThrows(CoapCodecException.class, () -> decoder.decode(format, payload));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
