package io.hearth.adapters.rtsp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The re-stream's request reader: whole requests in any slicing, RTCP skipped, limits kept. */
class RtspRequestReaderTest {
  @Test
  void readsRequestsSlicedAnyHowAndSkipsInterleavedFramesAndBodies() throws CodecException {
    byte[] wire =
        ("OPTIONS rtsp://h/cam RTSP/1.0\r\nCSeq: 1\r\n\r\n"
                + "$\u0001\u0000\u0004abcd"
                + "SET_PARAMETER rtsp://h/cam RTSP/1.0\r\nCSeq: 2\r\nContent-Length: 5\r\n\r\nhello"
                + "PLAY rtsp://h/cam RTSP/1.0\r\nCSeq: 3\r\nSession: 12\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    RtspRequestReader reader = new RtspRequestReader();
    List<RtspRequestHead> all = new java.util.ArrayList<>();
    for (byte b : wire) {
      all.addAll(reader.feed(new byte[] {b}, 0, 1));
    }
    assertEquals(
        List.of("OPTIONS", "SET_PARAMETER", "PLAY"),
        all.stream().map(RtspRequestHead::method).toList());
    assertEquals(3, all.get(2).cseq());
    assertEquals("12", all.get(2).header("session").orElseThrow());
    assertEquals(1, reader.framesSkipped());
  }

  @Test
  void refusesWhatBreaksTheProtocolOrItsLimits() {
    assertRefused("HELLO\r\n\r\n", "request line");
    assertRefused("DESCRIBE rtsp://h/ RTSP/1.0\r\n\r\n", "CSeq");
    assertRefused("DESCRIBE rtsp://h/ HTTP/1.1\r\nCSeq: 1\r\n\r\n", "version");
    assertRefused("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nX: " + "a".repeat(9_000), "exceeds");
    assertRefused(
        "SET_PARAMETER * RTSP/1.0\r\nCSeq: 1\r\nContent-Length: 99999\r\n\r\n", "Content-Length");
  }

  @Test
  void aFailedReaderStaysFailed() {
    RtspRequestReader reader = new RtspRequestReader();
    byte[] bad = "HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThrows(CodecException.class, () -> reader.feed(bad, 0, bad.length));
    byte[] good = "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThrows(CodecException.class, () -> reader.feed(good, 0, good.length));
  }

  private static void assertRefused(String text, String why) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    CodecException e =
        assertThrows(
            CodecException.class, () -> new RtspRequestReader().feed(bytes, 0, bytes.length));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }
}
