package io.hearth.adapters.coap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Generic values and link targets: bounded, and refused with a reason rather than an exception. */
class GenericValueTest {
  private final GenericValue generic = new GenericValue(1024);

  @Test
  void numbersAreValuesAndAnythingElseIsOneBoundedLineOfText() throws Exception {
    assertEquals(42.5, generic.decode(0, bytes(" 42.5\n")));
    assertEquals("Dec 05 07:29:53", generic.decode(0, bytes("Dec 05 07:29:53\n")));
    assertEquals("NaN", generic.decode(0, bytes("NaN")), "not a finite number: text");
    assertEquals("a b", generic.decode(0, bytes("a\r\n\u0000\tb")));
    assertEquals(7.0, generic.decode(50, bytes("{\"value\": 7}")));
    String long1000 = "x".repeat(1000);
    String cut = (String) generic.decode(0, bytes(long1000));
    assertEquals(GenericValue.MAX_TEXT_CHARS, cut.length());
    assertTrue(cut.endsWith("…"));
  }

  @Test
  void garbageIsRefusedWithAReason() {
    assertThrows(CoapCodecException.class, () -> generic.decode(42, bytes("x")));
    assertThrows(CoapCodecException.class, () -> generic.decode(0, new byte[] {(byte) 0xff}));
    assertThrows(CoapCodecException.class, () -> generic.decode(0, bytes(" \n ")));
    assertThrows(CoapCodecException.class, () -> generic.decode(0, new byte[2000]));
  }

  @Test
  void targetsStayOnTheDevice() throws Exception {
    URI base = URI.create("coap://127.0.0.1:5683/");
    assertEquals(URI.create("coap://127.0.0.1:5683/time"), LinkTargets.resolve(base, "/time"));
    assertEquals(
        URI.create("coap://127.0.0.1:5683/a"),
        LinkTargets.resolve(base, "coap://127.0.0.1:5683/a"));
    CoapCodecException bad =
        assertThrows(CoapCodecException.class, () -> LinkTargets.resolve(base, "/sensor temp"));
    assertTrue(bad.getMessage().contains("</sensor temp> is not a valid URI"), bad.getMessage());
    assertThrows(CoapCodecException.class, () -> LinkTargets.resolve(base, "//elsewhere/x"));
    assertThrows(CoapCodecException.class, () -> LinkTargets.resolve(base, "coap://other/x"));
    assertThrows(CoapCodecException.class, () -> LinkTargets.resolve(base, ""));
    assertEquals("a\\u0000b", LinkTargets.preview("a\u0000b"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
