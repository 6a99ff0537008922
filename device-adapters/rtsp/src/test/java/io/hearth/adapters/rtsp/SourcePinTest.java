package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.rtsp.SourcePin.Verdict;
import java.net.InetAddress;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The pinning decision: address, server ports, SSRC, and RTCP from the pinned RTCP source. */
class SourcePinTest {
  private static final InetAddress CAMERA = address("192.0.2.10");
  private static final InetAddress NEIGHBOUR = address("192.0.2.11");
  private static final int SSRC = 0x1234ABCD;
  private static final int OTHER = 0x0BADF00D;

  @Test
  void onlyTheCamerasAddressPasses() {
    SourcePin pin = pinned(OptionalInt.of(SSRC));
    assertEquals(Verdict.WRONG_ADDRESS, pin.rtp(NEIGHBOUR, 6970, rtp(SSRC), 0));
    assertEquals(Verdict.WRONG_ADDRESS, pin.rtcp(NEIGHBOUR, 6971, rtcp(SSRC)));
    assertEquals(Verdict.WRONG_ADDRESS, pin.rtp(null, 6970, rtp(SSRC), 0));
    assertEquals(Verdict.ACCEPT, pin.rtp(CAMERA, 6970, rtp(SSRC), 0));
  }

  @Test
  void nothingPassesBeforeTheSetupAnswer() {
    SourcePin pin = new SourcePin(CAMERA, "cam");
    assertEquals(Verdict.WRONG_PORT, pin.rtp(CAMERA, 6970, rtp(SSRC), 0));
    assertEquals(Verdict.WRONG_PORT, pin.rtcp(CAMERA, 6971, rtcp(SSRC)));
    assertTrue(pin.ssrc().isEmpty(), "nothing was learnt from a datagram before SETUP");
  }

  @Test
  void onlyTheNamedServerPortsPassEvenFromTheCamerasAddress() {
    SourcePin pin = pinned(OptionalInt.of(SSRC));
    assertEquals(Verdict.WRONG_PORT, pin.rtp(CAMERA, 6972, rtp(SSRC), 0));
    assertEquals(Verdict.WRONG_PORT, pin.rtp(CAMERA, 6971, rtp(SSRC), 0), "RTP on the RTCP port");
    assertEquals(Verdict.WRONG_PORT, pin.rtcp(CAMERA, 6970, rtcp(SSRC)), "RTCP on the RTP port");
    assertEquals(Verdict.ACCEPT, pin.rtp(CAMERA, 6970, rtp(SSRC), 0));
    assertEquals(Verdict.ACCEPT, pin.rtcp(CAMERA, 6971, rtcp(SSRC)));
  }

  @Test
  void theAnnouncedSsrcIsTheOnlyOneEvenIfAnotherComesFirst() {
    SourcePin pin = pinned(OptionalInt.of(SSRC));
    assertEquals(Verdict.WRONG_SSRC, pin.rtp(CAMERA, 6970, rtp(OTHER), 0));
    assertEquals(Verdict.ACCEPT, pin.rtp(CAMERA, 6970, rtp(SSRC), 1));
    assertEquals(Verdict.WRONG_SSRC, pin.rtp(CAMERA, 6970, rtp(OTHER), 2));
    assertEquals(OptionalInt.of(SSRC), pin.ssrc());
  }

  @Test
  void withoutAnnouncementTheFirstSsrcIsPinnedAndALateOneRefused() {
    SourcePin pin = pinned(OptionalInt.empty());
    assertTrue(pin.ssrc().isEmpty());
    assertEquals(Verdict.ACCEPT, pin.rtp(CAMERA, 6970, rtp(SSRC), 0));
    assertEquals(Verdict.WRONG_SSRC, pin.rtp(CAMERA, 6970, rtp(OTHER), 1), "late SSRC");
    assertEquals(Verdict.ACCEPT, pin.rtp(CAMERA, 6970, rtp(SSRC), 2));
    assertEquals(OptionalInt.of(SSRC), pin.ssrc());
  }

  @Test
  void withoutServerPortsTheFirstSourcePortOfEachChannelIsPinned() {
    SourcePin pin = new SourcePin(CAMERA, "cam");
    pin.configure(null, OptionalInt.of(SSRC));
    assertEquals(Verdict.WRONG_ADDRESS, pin.rtp(NEIGHBOUR, 5000, rtp(SSRC), 0), "no pin by others");
    assertEquals(Verdict.ACCEPT, pin.rtp(CAMERA, 40000, rtp(SSRC), 0));
    assertEquals(Verdict.WRONG_PORT, pin.rtp(CAMERA, 40002, rtp(SSRC), 1));
    assertEquals(Verdict.ACCEPT, pin.rtcp(CAMERA, 40001, rtcp(SSRC)));
    assertEquals(Verdict.WRONG_PORT, pin.rtcp(CAMERA, 40003, rtcp(SSRC)));
    assertEquals(40000, pin.rtpPort());
    assertEquals(40001, pin.rtcpPort());
  }

  @Test
  void rtcpFromThePinnedPortMustConfirmThePinnedSsrc() {
    SourcePin pin = pinned(OptionalInt.empty());
    assertEquals(Verdict.WRONG_SSRC, pin.rtcp(CAMERA, 6971, rtcp(SSRC)), "no SSRC pinned yet");
    pin.rtp(CAMERA, 6970, rtp(SSRC), 0);
    assertEquals(Verdict.ACCEPT, pin.rtcp(CAMERA, 6971, rtcp(SSRC)));
    assertEquals(Verdict.WRONG_SSRC, pin.rtcp(CAMERA, 6971, rtcp(OTHER)));
    assertEquals(Verdict.WRONG_SSRC, pin.rtcp(CAMERA, 6971, new byte[] {(byte) 0x80, (byte) 200}));
    assertEquals(OptionalInt.of(SSRC), pin.ssrc(), "RTCP never re-pins the SSRC");
  }

  @Test
  void aDatagramTooShortForAnSsrcIsNotTheCameras() {
    SourcePin pin = pinned(OptionalInt.empty());
    assertEquals(Verdict.WRONG_SSRC, pin.rtp(CAMERA, 6970, new byte[] {1, 2, 3}, 0));
    assertTrue(pin.ssrc().isEmpty());
  }

  @Test
  void onlyForeignSsrcsFromThePinnedSourceCountAsARestart() {
    SourcePin pin = pinned(OptionalInt.of(SSRC));
    pin.rtp(CAMERA, 6970, rtp(SSRC), 0);
    pin.rtp(CAMERA, 6970, rtp(OTHER), 100);
    pin.rtp(CAMERA, 6970, rtp(OTHER), 700);
    assertEquals(400, pin.foreignOnlyNanos(500));
    pin.rtp(CAMERA, 6972, rtp(OTHER), 800); // another port: not the camera, no restart
    pin.rtp(CAMERA, 6970, rtp(SSRC), 900);
    assertEquals(0, pin.foreignOnlyNanos(1000), "the pinned SSRC is still arriving");
    pin.rtp(CAMERA, 6970, rtp(OTHER), 1100);
    assertEquals(900, pin.foreignOnlyNanos(2000));
    assertEquals(
        "camera's RTP changed SSRC from 1234ABCD to 0BADF00D (restart?)", pin.foreignSsrcMessage());
  }

  @Test
  void aCameraThatNeverSendsItsAnnouncedSsrcIsToldSo() {
    SourcePin pin = pinned(OptionalInt.of(SSRC));
    pin.rtp(CAMERA, 6970, rtp(OTHER), 0);
    assertEquals(
        "camera sends RTP with SSRC 0BADF00D, not the SSRC 1234ABCD its SETUP answer announced",
        pin.foreignSsrcMessage());
  }

  private static SourcePin pinned(OptionalInt ssrc) {
    SourcePin pin = new SourcePin(CAMERA, "cam");
    pin.configure(new SetupAnswer.Pair(6970, 6971), ssrc);
    return pin;
  }

  /** A minimal RTP packet: version 2, payload type 96, this SSRC, one payload byte. */
  static byte[] rtp(int ssrc) {
    byte[] packet = new byte[13];
    packet[0] = (byte) 0x80;
    packet[1] = 96;
    putSsrc(packet, 8, ssrc);
    packet[12] = 0x41;
    return packet;
  }

  /** An empty RTCP sender report (header and SSRC) from this SSRC. */
  static byte[] rtcp(int ssrc) {
    byte[] packet = new byte[8];
    packet[0] = (byte) 0x80;
    packet[1] = (byte) 200;
    packet[3] = 1;
    putSsrc(packet, 4, ssrc);
    return packet;
  }

  private static void putSsrc(byte[] packet, int at, int ssrc) {
    for (int i = 0; i < 4; i++) {
      packet[at + i] = (byte) (ssrc >> (24 - 8 * i));
    }
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
