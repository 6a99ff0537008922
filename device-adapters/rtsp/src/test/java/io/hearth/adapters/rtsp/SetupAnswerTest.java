package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hearth.adapters.rtsp.codec.RtspHeaders;
import io.hearth.adapters.rtsp.codec.RtspResponse;
import io.hearth.runtime.camera.CameraStatus.Reason;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SetupAnswerTest {
  @Test
  void readsSessionTimeoutAndChannels() {
    SetupAnswer answer =
        SetupAnswer.parse(
            response("12AB-cd;timeout=30", "RTP/AVP/TCP;unicast;interleaved=2-3;ssrc=1234ABCD"));
    assertEquals("12AB-cd", answer.sessionId());
    assertEquals(30, answer.timeoutSeconds());
    assertEquals(new SetupAnswer.Pair(2, 3), answer.interleaved());
    assertNull(answer.serverPorts());
  }

  @Test
  void readsServerPortsAndDefaultsTheTimeout() {
    SetupAnswer answer =
        SetupAnswer.parse(
            response("77", "RTP/AVP;unicast;client_port=5000-5001;server_port=6970-6971"));
    assertEquals(60, answer.timeoutSeconds());
    assertEquals(new SetupAnswer.Pair(6970, 6971), answer.serverPorts());
  }

  @Test
  void readsTheAnnouncedSsrcAndIgnoresAnUnreadableOne() {
    assertEquals(
        OptionalInt.of(0x1234ABCD), ssrcOf("RTP/AVP;unicast;server_port=1-2;ssrc=1234ABCD"));
    assertEquals(OptionalInt.of(0xFFFFFFFF), ssrcOf("RTP/AVP;ssrc=ffffffff;mode=play"));
    assertEquals(OptionalInt.of(0xAB), ssrcOf("RTP/AVP;SSRC = AB"));
    assertEquals(OptionalInt.empty(), ssrcOf("RTP/AVP;unicast;server_port=1-2"));
    assertEquals(OptionalInt.empty(), ssrcOf("RTP/AVP;ssrc=123456789"));
    assertEquals(OptionalInt.empty(), ssrcOf("RTP/AVP;ssrc=xyz"));
    assertEquals(OptionalInt.empty(), ssrcOf("RTP/AVP;unicast,RTP/AVP/TCP;ssrc=1"));
  }

  private static OptionalInt ssrcOf(String transport) {
    return SetupAnswer.parse(response("1", transport)).ssrc();
  }

  @Test
  void refusesUnsafeSessionIdsAndBadNumbers() {
    for (String session : List.of("a b", "x;timeout=0", "x;timeout=abc", "")) {
      RtspFailure failure =
          assertThrows(RtspFailure.class, () -> SetupAnswer.parse(response(session, "")));
      assertEquals(Reason.PROTOCOL_ERROR, failure.reason());
    }
    assertThrows(
        RtspFailure.class, () -> SetupAnswer.parse(response("1", "RTP/AVP;interleaved=x-1")));
  }

  private static RtspResponse response(String session, String transport) {
    RtspHeaders headers =
        RtspHeaders.of(
            List.of(
                new RtspHeaders.Field("Session", session),
                new RtspHeaders.Field("Transport", transport)));
    return new RtspResponse("RTSP/1.0", 200, "OK", headers, new byte[0]);
  }
}
