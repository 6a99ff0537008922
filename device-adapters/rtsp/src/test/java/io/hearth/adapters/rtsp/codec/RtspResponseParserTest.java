package io.hearth.adapters.rtsp.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtspResponseParserTest {
  private static final String SDP = "v=0\r\no=- 1 1 IN IP4 10.0.0.2\r\ns=cam\r\n";
  private static final String DESCRIBE_RESPONSE =
      "RTSP/1.0 200 OK\r\n"
          + "CSeq: 2\r\n"
          + "content-base: rtsp://10.0.0.2/stream/\r\n"
          + "Content-Type: application/sdp\r\n"
          + "CONTENT-LENGTH: "
          + SDP.length()
          + "\r\n\r\n"
          + SDP;

  private static byte[] stream() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(DESCRIBE_RESPONSE.getBytes(UTF_8));
    out.writeBytes(new InterleavedFrame(0, new byte[] {(byte) 0x80, 96, 0, 1}).encode());
    out.writeBytes(new InterleavedFrame(1, new byte[0]).encode());
    out.writeBytes(
        "RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: 1234;timeout=60\r\n\r\n".getBytes(UTF_8));
    out.writeBytes(new InterleavedFrame(0, new byte[300]).encode());
    return out.toByteArray();
  }

  private static void assertStream(List<RtspInbound> messages) {
    assertEquals(5, messages.size());
    RtspResponse describe = assertInstanceOf(RtspResponse.class, messages.get(0));
    assertEquals(200, describe.statusCode());
    assertEquals("OK", describe.reason());
    assertEquals("RTSP/1.0", describe.version());
    assertEquals(Optional.of(2), describe.cseq());
    assertEquals(Optional.of("rtsp://10.0.0.2/stream/"), describe.headers().get("Content-Base"));
    assertEquals(SDP, describe.bodyText());
    InterleavedFrame rtp = assertInstanceOf(InterleavedFrame.class, messages.get(1));
    assertEquals(0, rtp.channel());
    assertArrayEquals(new byte[] {(byte) 0x80, 96, 0, 1}, rtp.payload());
    assertEquals(0, assertInstanceOf(InterleavedFrame.class, messages.get(2)).payload().length);
    RtspResponse play = assertInstanceOf(RtspResponse.class, messages.get(3));
    assertEquals(Optional.of("1234;timeout=60"), play.headers().get("session"));
    assertEquals(0, play.body().length);
    assertEquals(300, assertInstanceOf(InterleavedFrame.class, messages.get(4)).payload().length);
  }

  @Test
  void parsesResponsesAndInterleavedFramesFedAtOnce() throws CodecException {
    RtspResponseParser parser = new RtspResponseParser();
    assertStream(parser.feed(stream()));
    assertTrue(parser.isIdle());
  }

  @Test
  void parsesTheSameStreamFedOneByteAtATime() throws CodecException {
    RtspResponseParser parser = new RtspResponseParser();
    List<RtspInbound> messages = new ArrayList<>();
    for (byte b : stream()) {
      messages.addAll(parser.feed(new byte[] {b}));
    }
    assertStream(messages);
  }

  @Test
  void parsesTheSameStreamCutAtRandomBoundaries() throws CodecException {
    byte[] all = stream();
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      RtspResponseParser parser = new RtspResponseParser();
      List<RtspInbound> messages = new ArrayList<>();
      int pos = 0;
      while (pos < all.length) {
        int n = Math.min(all.length - pos, 1 + random.nextInt(40));
        messages.addAll(parser.feed(all, pos, n));
        pos += n;
      }
      assertStream(messages);
    }
  }

  @Test
  void keepsRepeatedHeadersAndFoldsContinuationLines() throws CodecException {
    String text =
        "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm=\"cam\",\r\n"
            + "  nonce=\"abc\"\r\nWWW-Authenticate: Basic realm=\"cam\"\r\n\r\n";
    RtspResponse response = single(text);
    assertEquals(401, response.statusCode());
    assertEquals(
        List.of("Digest realm=\"cam\", nonce=\"abc\"", "Basic realm=\"cam\""),
        response.headers().getAll("www-authenticate"));
    assertTrue(!response.isSuccess());
  }

  @Test
  void acceptsBareLineFeedsAndStrayLineEndsBetweenMessages() throws CodecException {
    RtspResponse response = single("\r\n\nRTSP/1.0 454 Session Not Found\nCSeq: 9\n\n");
    assertEquals(454, response.statusCode());
    assertEquals("Session Not Found", response.reason());
    assertEquals(Optional.of(9), response.cseq());
  }

  @Test
  void refusesAHugeHeaderBeforeBufferingIt() {
    RtspResponseParser parser = new RtspResponseParser();
    byte[] kib = new byte[1024];
    Arrays.fill(kib, (byte) 'a');
    int[] fed = {0};
    CodecException e =
        assertThrows(
            CodecException.class,
            () -> {
              parser.feed("RTSP/1.0 200 OK\r\nX-Big: ".getBytes(UTF_8));
              for (int i = 0; i < 10 * 1024; i++) {
                parser.feed(kib);
                fed[0]++;
              }
            });
    assertTrue(e.getMessage().contains("16384"), e.getMessage());
    assertTrue(fed[0] <= 16, "refused after " + fed[0] + " KiB");
  }

  @Test
  void refusesATenMegabyteHeaderInOneChunk() {
    byte[] huge = new byte[10 * 1024 * 1024];
    Arrays.fill(huge, (byte) 'b');
    byte[] start = "RTSP/1.0 200 OK\r\nX: ".getBytes(UTF_8);
    System.arraycopy(start, 0, huge, 0, start.length);
    CodecException e =
        assertThrows(CodecException.class, () -> new RtspResponseParser().feed(huge));
    assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
  }

  @Test
  void refusesABodyOverTheLimitBeforeReadingIt() {
    CodecException e =
        assertThrows(
            CodecException.class, () -> single("RTSP/1.0 200 OK\r\nContent-Length: 70000\r\n\r\n"));
    assertTrue(e.getMessage().contains("Content-Length: 70000 is over the limit"), e.getMessage());
  }

  @Test
  void refusesMalformedContentLengths() {
    assertMalformed("RTSP/1.0 200 OK\r\nContent-Length: -1\r\n\r\n", "expected a decimal number");
    assertMalformed("RTSP/1.0 200 OK\r\nContent-Length: 1e3\r\n\r\n", "expected a decimal number");
    assertMalformed(
        "RTSP/1.0 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", "decimal number");
    assertMalformed(
        "RTSP/1.0 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", "conflicting");
  }

  @Test
  void refusesWhatIsNotAStatusLineOrAFrame() {
    assertMalformed("HTTP/1.1 200 OK\r\n\r\n", "got byte 0x48 at offset 0");
    assertMalformed("RTSPX1.0 200 OK\r\n\r\n", "got byte 0x58 at offset 4");
    assertMalformed("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n", "expected an 'RTSP/1.0' status");
    assertMalformed("RTSP/one 200 OK\r\n\r\n", "status line: expected 'RTSP/1.0");
    assertMalformed("RTSP/1.0 2x0 OK\r\n\r\n", "3-digit status code");
    assertMalformed("RTSP/1.0 20000 OK\r\n\r\n", "3-digit status code");
    assertMalformed("RTSP/1.0\r\n\r\n", "3-digit status code");
  }

  @Test
  void refusesMalformedHeaderLines() {
    assertMalformed("RTSP/1.0 200 OK\r\nno colon here\r\n\r\n", "expected 'Name: value'");
    assertMalformed("RTSP/1.0 200 OK\r\n: empty name\r\n\r\n", "expected 'Name: value'");
    assertMalformed("RTSP/1.0 200 OK\r\nA: b\u0000c\r\n\r\n", "control character at column 4");
    assertMalformed("RTSP/1.0 200 OK\r\nA: b\rc\r\n\r\n", "control character");
    assertMalformed("RTSP/1.0 200 OK\r\n folded\r\n\r\n", "continuation line before any");
    StringBuilder many = new StringBuilder("RTSP/1.0 200 OK\r\n");
    for (int i = 0; i < 65; i++) {
      many.append("X").append(i).append(": y\r\n");
    }
    assertMalformed(many.append("\r\n").toString(), "more than 64 header fields");
  }

  @Test
  void staysFailedAfterAnError() {
    RtspResponseParser parser = new RtspResponseParser();
    assertThrows(CodecException.class, () -> parser.feed("garbage".getBytes(UTF_8)));
    CodecException again =
        assertThrows(
            CodecException.class, () -> parser.feed("RTSP/1.0 200 OK\r\n\r\n".getBytes(UTF_8)));
    assertTrue(again.getMessage().contains("already failed"), again.getMessage());
  }

  @Test
  void waitsForTheWholeBodyAndTheWholeFrame() throws CodecException {
    RtspResponseParser parser = new RtspResponseParser();
    assertEquals(
        0, parser.feed("RTSP/1.0 200 OK\r\nContent-Length: 4\r\n\r\nab".getBytes(UTF_8)).size());
    assertTrue(!parser.isIdle());
    assertEquals(0, parser.feed(new byte[] {'c'}).size());
    List<RtspInbound> done = parser.feed(new byte[] {'d', '$', 2, 0, 2, 7});
    assertEquals("abcd", assertInstanceOf(RtspResponse.class, done.get(0)).bodyText());
    assertEquals(1, done.size());
    InterleavedFrame frame =
        assertInstanceOf(InterleavedFrame.class, parser.feed(new byte[] {8}).get(0));
    assertEquals(2, frame.channel());
    assertArrayEquals(new byte[] {7, 8}, frame.payload());
  }

  @Test
  void acceptsTheLargestInterleavedFrame() throws CodecException {
    byte[] payload = new byte[0xFFFF];
    payload[0xFFFE] = 5;
    List<RtspInbound> out =
        new RtspResponseParser().feed(new InterleavedFrame(3, payload).encode());
    assertArrayEquals(payload, assertInstanceOf(InterleavedFrame.class, out.get(0)).payload());
  }

  private static RtspResponse single(String text) throws CodecException {
    List<RtspInbound> out = new RtspResponseParser().feed(text.getBytes(UTF_8));
    assertEquals(1, out.size());
    return assertInstanceOf(RtspResponse.class, out.get(0));
  }

  private static void assertMalformed(String text, String expectedMessagePart) {
    CodecException e = assertThrows(CodecException.class, () -> single(text));
    assertTrue(
        e.getMessage().contains(expectedMessagePart),
        () -> "message '" + e.getMessage() + "' should contain '" + expectedMessagePart + "'");
  }
}
