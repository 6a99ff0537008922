package io.hearth.adapters.rtsp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SdpTest {
  private static final URI BASE = URI.create("rtsp://10.0.0.2:554/Streaming/Channels/101/");
  private static final String CAMERA_SDP =
      String.join(
          "\r\n",
          "v=0",
          "o=- 1700000000 1 IN IP4 10.0.0.2",
          "s=Media Presentation",
          "t=0 0",
          "a=control:*",
          "m=video 0 RTP/AVP 96",
          "c=IN IP4 0.0.0.0",
          "b=AS:4096",
          "a=rtpmap:96 H264/90000",
          "a=fmtp:96 profile-level-id=420029; packetization-mode=1;"
              + " sprop-parameter-sets=Z0IAKeKQFAe2AtwEBAaQeJEV,aM48gA==",
          "a=control:trackID=1",
          "m=audio 0 RTP/AVP 0",
          "a=rtpmap:0 PCMU/8000/1",
          "a=control:trackID=2",
          "");

  @Test
  void parsesACameraDescription() throws CodecException {
    Sdp sdp = Sdp.parse(CAMERA_SDP, BASE);
    assertEquals("Media Presentation", sdp.sessionName());
    assertEquals(2, sdp.media().size());
    SdpMedia video = sdp.first("video").orElseThrow();
    assertEquals("RTP/AVP", video.protocol());
    assertEquals(96, video.payloadType());
    assertTrue(video.isEncoding("h264"));
    assertEquals(90000, video.rtpMap().orElseThrow().clockRate());
    assertEquals(URI.create(BASE + "trackID=1"), video.control());
    assertEquals("1", video.fmtp().get("packetization-mode"));
    SdpMedia audio = sdp.first("audio").orElseThrow();
    assertEquals(new RtpMap(0, "PCMU", 8000, 1), audio.rtpMap().orElseThrow());
    assertEquals(URI.create(BASE + "trackID=2"), audio.control());
  }

  @Test
  void decodesH264ParameterSets() throws CodecException {
    SdpMedia video = Sdp.parse(CAMERA_SDP, BASE).media().get(0);
    H264Parameters params = H264Parameters.fromFmtp(video.fmtp());
    assertEquals(1, params.packetizationMode());
    assertEquals("420029", params.profileLevelId());
    assertEquals(1, params.sps().size());
    assertEquals(0x67, params.sps().get(0)[0] & 0xFF);
    assertArrayEquals(new byte[] {0x68, (byte) 0xCE, 0x3C, (byte) 0x80}, params.pps().get(0));
  }

  @Test
  void decodesH265ParameterSets() throws CodecException {
    String sdp =
        "v=0\ns=h265\nm=video 0 RTP/AVP 98\na=rtpmap:98 H265/90000\n"
            + "a=fmtp:98 sprop-vps=QAEMAf//AWAAAAMAkAAAAwAAAwBdlZgJ;"
            + " sprop-sps=QgEBAWAAAAMAkAAAAwAAAwBdoAKAgC0WWVmkkyvAQAAA+kAAF3AC;"
            + " sprop-pps=RAHBcrRiQA==\n";
    SdpMedia video = Sdp.parse(sdp, URI.create("rtsp://cam/h265")).media().get(0);
    H265Parameters params = H265Parameters.fromFmtp(video.fmtp());
    assertEquals(0x40, params.vps().get(0)[0] & 0xFF);
    assertEquals(0x42, params.sps().get(0)[0] & 0xFF);
    assertArrayEquals(
        new byte[] {0x44, 0x01, (byte) 0xC1, 0x72, (byte) 0xB4, 0x62, 0x40}, params.pps().get(0));
    assertFalse(params.donlPresent());
    assertEquals(URI.create("rtsp://cam/h265"), video.control());
  }

  @Test
  void resolvesControlsTheWayCamerasMeanThem() throws CodecException {
    URI noSlash = URI.create("rtsp://cam:554/live");
    assertEquals("rtsp://cam:554/live/trackID=0", control(noSlash, "trackID=0"));
    assertEquals("rtsp://cam:554/live", control(noSlash, "*"));
    assertEquals("rtsp://cam:554/other/1", control(noSlash, "/other/1"));
    assertEquals("rtsp://10.1.1.1/abs/track1", control(noSlash, "rtsp://10.1.1.1/abs/track1"));
    assertEquals(
        "rtsps://cam/x", control(noSlash, "RTSPS://cam/x").toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void resolvesMediaControlsAgainstAnAbsoluteSessionControl() throws CodecException {
    String text = "v=0\ns=x\na=control:rtsp://cam/agg/\nm=video 0 RTP/AVP 96\na=control:v\n";
    Sdp sdp = Sdp.parse(text, URI.create("rtsp://cam/request"));
    assertEquals(URI.create("rtsp://cam/agg/"), sdp.base());
    assertEquals(URI.create("rtsp://cam/agg/v"), sdp.media().get(0).control());
  }

  @Test
  void refusesControlsThatAreNotRtspUrls() {
    assertMalformed(sdpWithControl("http://evil.example/x"), "expected an rtsp:// or rtsps://");
    assertMalformed(sdpWithControl("rtsp:///nohost"), "with a host");
    assertMalformed(sdpWithControl("track 1"), "not a valid URL");
  }

  @Test
  void choosesTheBaseUrlFromHeadersInRfcOrder() throws CodecException {
    RtspHeaders both =
        RtspHeaders.of(
            List.of(
                new RtspHeaders.Field("Content-Location", "rtsp://cam/loc/"),
                new RtspHeaders.Field("content-base", "rtsp://cam/base/")));
    assertEquals(URI.create("rtsp://cam/base/"), Sdp.baseUrl(both, "rtsp://cam/req"));
    RtspHeaders location =
        RtspHeaders.of(List.of(new RtspHeaders.Field("Content-Location", "rtsp://cam/loc/")));
    assertEquals(URI.create("rtsp://cam/loc/"), Sdp.baseUrl(location, "rtsp://cam/req"));
    assertEquals(URI.create("rtsp://cam/req"), Sdp.baseUrl(RtspHeaders.empty(), "rtsp://cam/req"));
    assertThrows(
        CodecException.class, () -> Sdp.baseUrl(RtspHeaders.empty(), "file:///etc/passwd"));
  }

  @Test
  void refusesMalformedDescriptions() {
    assertMalformed("s=no version\n", "expected 'v=0' first");
    assertMalformed("", "expected 'v=0' as the first line");
    assertMalformed("v=1\n", "expected 'v=0' first");
    assertMalformed("v=0\nbroken line\n", "SDP line 2: expected '<letter>=<value>'");
    assertMalformed("v=0\na=x\u0001y\n", "expected '<letter>=<value>'");
    assertMalformed("v=0\nm=video 0 RTP/AVP\n", "with 1 to 32 formats");
    assertMalformed("v=0\nm=video 99999 RTP/AVP 96\n", "m= port: 99999 is over the limit");
    assertMalformed("v=0\nm=video 0 RTP/AVP 200\n", "m= RTP payload type: 200 is over");
    assertMalformed("v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264\n", "expected '<pt> <encoding>");
    assertMalformed("v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/0\n", "positive number");
    assertMalformed("v=0\nm=video 0 RTP/AVP 96\na=rtpmap:x H264/90000\n", "payload type");
    assertMalformed("v=0\nm=video 0 RTP/AVP 96\na=fmtp:96\n", "a=fmtp: expected '<pt>");
  }

  @Test
  void enforcesItsSizeLimits() {
    assertMalformed("v=0\n" + "a=x\n".repeat(600), "more than 512 lines");
    assertMalformed("v=0\na=" + "x".repeat(5000) + "\n", "longer than 4096");
    assertMalformed(
        "v=0\n" + "a=" + "y".repeat(4000) + "\n".repeat(1) + "x".repeat(70_000), "exceeds");
    assertMalformed("v=0\n" + "m=video 0 RTP/AVP 96\n".repeat(17), "more than 16 media");
  }

  @Test
  void refusesBadParameterSets() {
    assertParamsMalformed(Map.of("sprop-parameter-sets", "Z0IA!!"), "expected base64");
    assertParamsMalformed(Map.of("sprop-parameter-sets", "ZQ=="), "only SPS (7) and PPS (8)");
    assertParamsMalformed(Map.of("packetization-mode", "7"), "packetization-mode: 7 is over");
    assertParamsMalformed(Map.of("profile-level-id", "42zz1f"), "6 hex digits");
    assertParamsMalformed(Map.of("sprop-parameter-sets", ",".repeat(20)), "more than 16");
    CodecException e =
        assertThrows(
            CodecException.class, () -> H265Parameters.fromFmtp(Map.of("sprop-sps", "RAE=")));
    assertTrue(e.getMessage().contains("expected NAL units of type 33"), e.getMessage());
  }

  private static String control(URI base, String control) throws CodecException {
    return ControlUrl.resolve(base, control).toString();
  }

  private static String sdpWithControl(String control) {
    return "v=0\nm=video 0 RTP/AVP 96\na=control:" + control + "\n";
  }

  private static void assertMalformed(String sdp, String expected) {
    CodecException e = assertThrows(CodecException.class, () -> Sdp.parse(sdp, BASE));
    assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " lacks " + expected);
  }

  private static void assertParamsMalformed(Map<String, String> fmtp, String expected) {
    CodecException e = assertThrows(CodecException.class, () -> H264Parameters.fromFmtp(fmtp));
    assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " lacks " + expected);
  }
}
