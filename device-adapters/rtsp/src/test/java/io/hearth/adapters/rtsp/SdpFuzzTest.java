package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hearth.adapters.rtsp.codec.CodecException;
import io.hearth.adapters.rtsp.codec.Sdp;
import io.hearth.adapters.rtsp.codec.SdpMedia;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes what the hub does with a camera's DESCRIBE answer: SDP parsing, picking the video track
 * and reading its fmtp parameter sets. Contract: a {@link CodecException} or {@link RtspFailure}
 * with a reason, or a track within the limits whose URLs stay on the camera's own host and port and
 * carry no user-info (an SDP must never send the hub's requests, or credentials, elsewhere).
 */
class SdpFuzzTest {
  private static final URI CAMERA = URI.create("rtsp://user:pw@cam.local:8554/live");

  @FuzzTest
  void anySdpGivesASameOriginTrackOrAClearRefusal(byte[] input) {
    try {
      Sdp sdp = Sdp.parse(new String(input, StandardCharsets.UTF_8), CAMERA);
      checkBounded(sdp);
      VideoTrack track = VideoTrack.pick(sdp, CAMERA);
      assertEquals("cam.local:8554", VideoTrack.origin(track.control()));
      assertEquals("cam.local:8554", VideoTrack.origin(track.aggregate()));
      assertNull(track.control().getRawUserInfo());
      assertNull(track.aggregate().getRawUserInfo());
      FrameBuilder.of("cam", track);
    } catch (CodecException | RtspFailure expected) {
      assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
    }
  }

  private static void checkBounded(Sdp sdp) {
    assertTrue(sdp.media().size() <= Sdp.MAX_MEDIA);
    for (SdpMedia media : sdp.media()) {
      assertTrue(!media.payloadTypes().isEmpty() && media.payloadTypes().size() <= 32);
      media.formatParameters().values().forEach(p -> assertTrue(p.size() <= 32));
    }
  }
}
