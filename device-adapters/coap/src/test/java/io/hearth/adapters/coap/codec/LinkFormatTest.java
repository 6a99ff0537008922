package io.hearth.adapters.coap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkFormatTest {
  private static final String LIBCOAP =
      "</>;title=\"General Info\";ct=0,</time>;if=\"clock\";rt=\"ticks\";"
          + "title=\"Internal Clock\";ct=0;obs,</async>;ct=0,"
          + "</example_data>;title=\"Example Data\";ct=0;obs";

  @Test
  void parsesLibcoapsDocument() throws Exception {
    List<WebLink> links = LinkFormat.withDefaults().parse(LIBCOAP);

    assertEquals(
        List.of("/", "/time", "/async", "/example_data"),
        links.stream().map(WebLink::target).toList());
    WebLink time = links.get(1);
    assertEquals("ticks", time.resourceType());
    assertEquals("clock", time.interfaceDescription());
    assertEquals("Internal Clock", time.title());
    assertEquals(List.of(0), time.contentFormats());
    assertTrue(time.observable());
    assertFalse(links.get(2).observable());
  }

  @Test
  void quotedStringsKeepCommasSemicolonsAndEscapes() throws Exception {
    List<WebLink> links =
        LinkFormat.withDefaults().parse("</a>;title=\"x, y; \\\"z\\\"\";ct=\"0 50 60\" , </b>");

    assertEquals("x, y; \"z\"", links.get(0).title());
    assertEquals(List.of(0, 50, 60), links.get(0).contentFormats());
    assertEquals("/b", links.get(1).target());
  }

  @Test
  void emptyDocumentHasNoLinks() throws Exception {
    assertEquals(List.of(), LinkFormat.withDefaults().parse("  "));
  }

  @Test
  void refusesMalformedInputWithItsOffset() {
    assertMessage("</a", "expected '>' before the end");
    assertMessage("/a>", "expected '<' at offset 0");
    assertMessage("</a>;title=\"open", "unterminated quoted string");
    assertMessage("</a> </b>", "expected ','");
    assertMessage("</a>;=x", "expected an attribute name");
  }

  @Test
  void enforcesItsLimits() {
    String many = "</a>,".repeat(10) + "</b>";
    CoapCodecException tooMany =
        assertThrows(CoapCodecException.class, () -> new LinkFormat(1000, 5).parse(many));
    assertTrue(tooMany.getMessage().contains("more than 5 links"));

    byte[] big = ("</a>;title=\"" + "x".repeat(200) + "\"").getBytes(StandardCharsets.UTF_8);
    CoapCodecException tooBig =
        assertThrows(CoapCodecException.class, () -> new LinkFormat(100, 5).parse(big));
    assertTrue(tooBig.getMessage().contains("too large"));

    StringBuilder attrs = new StringBuilder("</a>");
    for (int i = 0; i <= LinkFormat.MAX_ATTRIBUTES; i++) {
      attrs.append(";a").append(i);
    }
    assertThrows(CoapCodecException.class, () -> LinkFormat.withDefaults().parse(attrs.toString()));
    String longValue = "</a>;title=\"" + "x".repeat(LinkFormat.MAX_VALUE_CHARS + 1) + "\"";
    assertThrows(CoapCodecException.class, () -> LinkFormat.withDefaults().parse(longValue));
  }

  @Test
  void refusesInvalidUtf8() {
    byte[] bad = {'<', '/', (byte) 0xC3, (byte) 0x28, '>'};
    CoapCodecException e =
        assertThrows(CoapCodecException.class, () -> LinkFormat.withDefaults().parse(bad));
    assertTrue(e.getMessage().contains("UTF-8"));
  }

  @Test
  void survivesRandomBytes() {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] junk = new byte[random.nextInt(64)];
      random.nextBytes(junk);
      try {
        LinkFormat.withDefaults().parse(junk);
      } catch (CoapCodecException expected) {
        // Only this exception type is allowed; anything else fails the test.
      }
    }
  }

  private static void assertMessage(String text, String expected) {
    CoapCodecException e =
        assertThrows(CoapCodecException.class, () -> LinkFormat.withDefaults().parse(text));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
