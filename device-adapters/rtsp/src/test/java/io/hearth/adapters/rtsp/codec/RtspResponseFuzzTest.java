package io.hearth.adapters.rtsp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hearth.runtime.net.auth.AuthChallenge;
import io.hearth.runtime.net.auth.AuthException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the reader of a camera's RTSP connection with arbitrary bytes (responses, interleaved RTP,
 * garbage). Contract: each message it returns is within the documented limits, a broken stream ends
 * in {@link CodecException} and nothing else, and how the bytes are split into chunks changes
 * nothing but how many messages before a failure are handed out (a chunk that fails loses the
 * messages it completed; the connection is closed then anyway).
 */
class RtspResponseFuzzTest {
  private static final String FAILED = "failed";

  @FuzzTest
  void anyBytesGiveBoundedMessagesOrCodecException(byte[] input) {
    List<String> whole = outcome(input, input.length);
    List<String> chunked = outcome(input, 1 + input.length % 61);
    assertEquals(failed(whole), failed(chunked), "failing depends on how the bytes were split");
    List<String> wholeMessages = whole.subList(0, whole.size() - (failed(whole) ? 1 : 0));
    assertEquals(
        wholeMessages,
        chunked.subList(0, Math.min(wholeMessages.size(), chunked.size())),
        "the messages depend on how the bytes were split");
  }

  private static boolean failed(List<String> outcome) {
    return !outcome.isEmpty() && outcome.get(outcome.size() - 1).equals(FAILED);
  }

  /** What the parser makes of the input fed in chunks of {@code step} bytes, one line a message. */
  private static List<String> outcome(byte[] input, int step) {
    RtspResponseParser parser = new RtspResponseParser();
    List<String> seen = new ArrayList<>();
    try {
      for (int pos = 0; pos < input.length; pos += step) {
        for (RtspInbound message : parser.feed(input, pos, Math.min(step, input.length - pos))) {
          seen.add(checked(message));
        }
      }
    } catch (CodecException expected) {
      seen.add(FAILED);
      assertTrue(failsAgain(parser), "a failed parser must stay failed");
    }
    return seen;
  }

  private static String checked(RtspInbound message) {
    if (message instanceof RtspResponse response) {
      assertTrue(response.body().length <= RtspResponseParser.MAX_BODY_BYTES);
      assertTrue(response.statusCode() >= 100 && response.statusCode() <= 999);
      assertTrue(response.headers().size() <= RtspResponseParser.MAX_HEAD_BYTES / 3);
      challenges(response.headers());
      response.cseq();
      return response.statusCode() + " " + response.headers().size() + " " + response.body().length;
    }
    InterleavedFrame frame = (InterleavedFrame) message;
    assertTrue(frame.payload().length <= InterleavedFrame.MAX_PAYLOAD_BYTES);
    return "$" + frame.channel() + " " + frame.payload().length;
  }

  /** The challenges a 401 offers are read by the same untrusted-input rules. */
  private static void challenges(RtspHeaders headers) {
    for (String value : headers.getAll("WWW-Authenticate")) {
      try {
        List<AuthChallenge> parsed = AuthChallenge.parse(value);
        assertTrue(parsed.size() <= AuthChallenge.MAX_CHALLENGES);
        parsed.forEach(c -> assertTrue(c.parameters().size() <= AuthChallenge.MAX_PARAMETERS));
      } catch (AuthException expected) {
        // a clear refusal of a malformed challenge
      }
    }
  }

  private static boolean failsAgain(RtspResponseParser parser) {
    try {
      parser.feed(new byte[] {'R'});
      return false;
    } catch (CodecException expected) {
      return true;
    }
  }
}
