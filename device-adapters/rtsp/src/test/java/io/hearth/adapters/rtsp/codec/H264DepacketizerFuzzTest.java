package io.hearth.adapters.rtsp.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzes RTP parsing and H.264 depacketising (RFC 6184: single NAL, STAP-A, FU-A) with arbitrary
 * datagrams. Contract, as the media pipeline relies on it: a datagram is either a packet or a
 * {@link CodecException}; pushing packets yields access units within {@link
 * H264Depacketizer#MAX_ACCESS_UNIT_BYTES} and {@link H264Depacketizer#MAX_NAL_UNITS}, or a {@link
 * CodecException} that ends the stream; never another exception.
 */
class H264DepacketizerFuzzTest {

  @FuzzTest
  void anyDatagramsGiveBoundedAccessUnitsOrCodecException(byte[] input) {
    H264Depacketizer depacketizer = new H264Depacketizer();
    try {
      for (byte[] datagram : FuzzPackets.split(input)) {
        rtcp(datagram);
        check(depacketizer.push(RtpPacket.parse(datagram)));
      }
    } catch (CodecException expected) {
      // the pipeline ends the stream with this reason
    }
    check(depacketizer.flush());
    depacketizer.stats();
  }

  /** The same datagrams read as RTCP, as the RTCP port does; a bad one is only counted there. */
  private static void rtcp(byte[] datagram) {
    try {
      RtcpSenderReport.find(datagram);
    } catch (CodecException expected) {
      // counted as bad RTCP
    }
  }

  private static void check(List<AccessUnit> units) {
    FuzzPackets.checkBounded(
        units, H264Depacketizer.MAX_ACCESS_UNIT_BYTES, H264Depacketizer.MAX_NAL_UNITS);
  }
}
