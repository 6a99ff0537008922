package io.hearth.runtime.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediaFrameTest {
  private static final byte[] SEI = {0x06, 0x05, 0x01};
  private static final byte[] IDR = {0x65, (byte) 0x88, (byte) 0x84, 0x00};

  @Test
  void storesNalUnitsLengthPrefixed() {
    MediaFrame frame = MediaFrame.ofNalUnits("cam-1", Codec.H264, 9000, true, List.of(SEI, IDR));
    assertArrayEquals(
        new byte[] {0, 0, 0, 3, 0x06, 0x05, 0x01, 0, 0, 0, 4, 0x65, (byte) 0x88, (byte) 0x84, 0},
        frame.payload());
    assertEquals(15, frame.payloadLength());
    List<byte[]> nals = frame.nalUnits();
    assertEquals(2, nals.size());
    assertArrayEquals(SEI, nals.get(0));
    assertArrayEquals(IDR, nals.get(1));
  }

  @Test
  void isImmutable() {
    byte[] payload = {0, 0, 0, 1, 0x41};
    MediaFrame frame = new MediaFrame("cam-1", Codec.H264, 0, false, payload);
    payload[4] = 0x7f;
    frame.payload()[4] = 0x7f;
    assertEquals(0x41, frame.payload()[4]);
    byte[] target = new byte[7];
    frame.copyPayloadInto(target, 2);
    assertEquals(0x41, target[6]);
  }

  @Test
  void comparesPayloadContents() {
    MediaFrame a = new MediaFrame("cam-1", Codec.JPEG, 1, true, new byte[] {1, 2});
    assertEquals(a, new MediaFrame("cam-1", Codec.JPEG, 1, true, new byte[] {1, 2}));
    assertEquals(
        a.hashCode(), new MediaFrame("cam-1", Codec.JPEG, 1, true, new byte[] {1, 2}).hashCode());
    assertNotEquals(a, new MediaFrame("cam-2", Codec.JPEG, 1, true, new byte[] {1, 2}));
    assertNotEquals(a, new MediaFrame("cam-1", Codec.JPEG, 1, true, new byte[] {1, 3}));
    assertTrue(a.toString().contains("cam-1"));
  }

  @Test
  void rejectsMalformedLengthPrefixes() {
    assertMalformed(new byte[] {0, 0, 0, 5, 0x41}); // length runs past the end
    assertMalformed(new byte[] {0, 0, 0, 1, 0x41, 0, 0}); // truncated second prefix
    assertMalformed(new byte[] {0, 0, 0, 0}); // empty NAL unit
    assertMalformed(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1});
    assertThrows(
        MediaFormatException.class, () -> new MediaFrame("c", Codec.JPEG, 0, true, new byte[0]));
    assertThrows(
        MediaFormatException.class,
        () -> MediaFrame.ofNalUnits("c", Codec.H265, 0, true, List.of(new byte[0])));
  }

  @Test
  void jpegPayloadIsNotNalUnits() {
    byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9};
    MediaFrame frame = new MediaFrame("c", Codec.JPEG, 0, true, jpeg);
    assertArrayEquals(jpeg, frame.payload());
    assertThrows(IllegalStateException.class, frame::nalUnits);
    assertThrows(
        IllegalArgumentException.class,
        () -> MediaFrame.ofNalUnits("c", Codec.JPEG, 0, true, List.of(jpeg)));
  }

  @Test
  void splitsAnnexBStreams() {
    byte[] stream = {0, 0, 0, 1, 0x67, 1, 0, 0, 1, 0x68, 2, 0, 0, 0, 0, 1, 0x65, 3, 0};
    List<byte[]> nals = NalUnits.splitAnnexB(stream);
    assertEquals(3, nals.size());
    assertArrayEquals(new byte[] {0x67, 1}, nals.get(0));
    assertArrayEquals(new byte[] {0x68, 2}, nals.get(1));
    assertArrayEquals(new byte[] {0x65, 3}, nals.get(2));
    assertEquals(0, NalUnits.splitAnnexB(new byte[] {1, 2, 3}).size());
  }

  private static void assertMalformed(byte[] payload) {
    MediaFormatException e =
        assertThrows(
            MediaFormatException.class,
            () -> new MediaFrame("cam-1", Codec.H264, 0, false, payload));
    assertTrue(e.getMessage().contains("NAL"), e.getMessage());
  }
}
