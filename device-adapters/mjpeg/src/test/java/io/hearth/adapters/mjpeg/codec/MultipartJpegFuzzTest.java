package io.hearth.adapters.mjpeg.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hearth.runtime.net.auth.AuthChallenge;
import io.hearth.runtime.net.auth.AuthException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes what an MJPEG camera sends: its Content-Type (the input's first line) and the multipart
 * stream after it, and the {@code WWW-Authenticate} challenges of a 401 (the parser shared with
 * RTSP, which MJPEG cameras reach through). Contract: a boundary or a {@link MjpegFormatException};
 * images that start with a JPEG SOI and fit {@link #MAX_FRAME}, or a {@link MjpegFormatException};
 * the same images whichever way the stream is split into chunks.
 */
class MultipartJpegFuzzTest {
  private static final int MAX_FRAME = 64 * 1024;

  @FuzzTest
  void anyStreamGivesBoundedJpegsOrFormatException(byte[] input) {
    int newline = indexOf(input, (byte) '\n');
    String contentType = new String(input, 0, newline, StandardCharsets.ISO_8859_1);
    byte[] stream = Arrays.copyOfRange(input, Math.min(input.length, newline + 1), input.length);
    String boundary;
    try {
      boundary = MultipartBoundary.fromContentType(contentType);
    } catch (MjpegFormatException expected) {
      return;
    }
    List<String> whole = images(boundary, stream, Math.max(1, stream.length));
    List<String> chunked = images(boundary, stream, 1 + stream.length % 37);
    assertEquals(whole, chunked, "the images depend on how the stream was split");
  }

  @FuzzTest
  void anyChallengeHeaderParses(byte[] input) {
    List<AuthChallenge> challenges;
    try {
      challenges = AuthChallenge.parse(new String(input, StandardCharsets.ISO_8859_1));
    } catch (AuthException expected) {
      return; // a clear refusal of a malformed or oversized challenge
    }
    assertTrue(challenges.size() <= AuthChallenge.MAX_CHALLENGES, "more challenges than allowed");
    challenges.forEach(c -> assertTrue(!c.scheme().isEmpty()));
    challenges.forEach(c -> assertTrue(c.parameters().size() <= AuthChallenge.MAX_PARAMETERS));
  }

  private static List<String> images(String boundary, byte[] stream, int step) {
    MultipartJpegParser parser = new MultipartJpegParser(boundary, MAX_FRAME);
    List<String> out = new ArrayList<>();
    try {
      for (int pos = 0; pos < stream.length; pos += step) {
        parser.feed(
            stream, pos, Math.min(step, stream.length - pos), image -> out.add(check(image)));
      }
    } catch (MjpegFormatException expected) {
      out.add("failed");
    }
    assertEquals(out.stream().filter(s -> !s.equals("failed")).count(), parser.frames());
    return out;
  }

  private static String check(byte[] image) {
    assertTrue(image.length <= MAX_FRAME, "image of " + image.length + " bytes");
    assertTrue(Jpeg.startsWithSoi(image), "image without SOI handed out");
    return image.length + ":" + Arrays.hashCode(image);
  }

  private static int indexOf(byte[] input, byte b) {
    for (int i = 0; i < input.length; i++) {
      if (input[i] == b) {
        return i;
      }
    }
    return input.length;
  }
}
