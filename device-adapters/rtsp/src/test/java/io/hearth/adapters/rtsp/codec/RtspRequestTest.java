package io.hearth.adapters.rtsp.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RtspRequestTest {
  @Test
  void encodesRequestLineCseqAndHeadersInOrder() {
    RtspRequest setup =
        RtspRequest.builder("SETUP", "rtsp://10.0.0.2/stream/trackID=1", 3)
            .header("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1")
            .header("Session", "1234")
            .header("Authorization", "Digest username=\"u\"")
            .build();
    assertEquals(
        "SETUP rtsp://10.0.0.2/stream/trackID=1 RTSP/1.0\r\n"
            + "CSeq: 3\r\n"
            + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n"
            + "Session: 1234\r\n"
            + "Authorization: Digest username=\"u\"\r\n\r\n",
        new String(setup.encode(), UTF_8));
  }

  @Test
  void writesContentLengthForABody() {
    RtspRequest request =
        RtspRequest.builder("SET_PARAMETER", "rtsp://cam/", 7)
            .body("a: b\r\n".getBytes(UTF_8), "text/parameters")
            .build();
    assertEquals(
        "SET_PARAMETER rtsp://cam/ RTSP/1.0\r\nCSeq: 7\r\nContent-Type: text/parameters\r\n"
            + "Content-Length: 6\r\n\r\na: b\r\n",
        new String(request.encode(), UTF_8));
  }

  @Test
  void refusesValuesThatWouldBreakTheFraming() {
    RtspRequest.Builder builder = RtspRequest.builder("PLAY", "rtsp://cam/", 1);
    assertThrows(IllegalArgumentException.class, () -> builder.header("Session", "1\r\nX-Evil: 1"));
    assertThrows(IllegalArgumentException.class, () -> builder.header("Bad Name", "x"));
    assertThrows(IllegalArgumentException.class, () -> builder.header("CSeq", "9"));
    assertThrows(
        IllegalArgumentException.class, () -> RtspRequest.builder("PL AY", "rtsp://c/", 1));
    assertThrows(
        IllegalArgumentException.class, () -> RtspRequest.builder("PLAY", "rtsp://c/ x", 1));
    assertThrows(
        IllegalArgumentException.class, () -> RtspRequest.builder("PLAY", "rtsp://c/", -1));
  }

  @Test
  void exposesItsPartsWithCaseInsensitiveHeaders() {
    RtspRequest request =
        RtspRequest.builder("OPTIONS", "*", 1).header("User-Agent", "hearth").build();
    assertParts(request);
  }

  private static void assertParts(RtspRequest request) {
    assertEquals("OPTIONS", request.method());
    assertEquals("*", request.uri());
    assertEquals(1, request.cseq());
    assertEquals("hearth", request.headers().get("user-agent").orElseThrow());
  }
}
