package io.hearth.adapters.mjpeg.codec;

import static io.hearth.adapters.mjpeg.codec.MultipartStreams.ascii;
import static io.hearth.adapters.mjpeg.codec.MultipartStreams.concat;
import static io.hearth.adapters.mjpeg.codec.MultipartStreams.jpeg;
import static io.hearth.adapters.mjpeg.codec.MultipartStreams.jpegs;
import static io.hearth.adapters.mjpeg.codec.MultipartStreams.stream;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartJpegParserTest {
  private static final int LIMIT = 4 << 20;

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void oneByteAtATimeYieldsEveryImage(boolean withLength) {
    List<byte[]> images = jpegs(new Random(1), 5);
    byte[] bytes = stream("--frame", images, withLength);
    MultipartJpegParser parser = new MultipartJpegParser("frame", LIMIT);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < bytes.length; i++) {
      out.addAll(parser.feed(bytes, i, 1));
    }
    // Without Content-Length the last image ends only at the next delimiter.
    assertImages(withLength ? images : images.subList(0, 4), out);
  }

  @ParameterizedTest
  @ValueSource(longs = {2, 3, 5, 7, 11, 13})
  void randomChunksYieldEveryImage(long seed) {
    Random random = new Random(seed);
    List<byte[]> images = jpegs(random, 20);
    boolean withLength = seed % 2 == 0;
    byte[] bytes = concat(stream("--b0undary", images, withLength), ascii("--b0undary--\r\n"));
    MultipartJpegParser parser = new MultipartJpegParser("b0undary", LIMIT);
    List<byte[]> out = new ArrayList<>();
    for (int pos = 0; pos < bytes.length; ) {
      int n = Math.min(bytes.length - pos, 1 + random.nextInt(700));
      out.addAll(parser.feed(bytes, pos, n));
      pos += n;
    }
    assertImages(images, out);
    assertTrue(parser.done(), "the closing delimiter ends the stream");
  }

  @Test
  void ffmpegLayoutWithDelimiterAfterEachPart() {
    byte[] image = jpeg(new Random(4), 900);
    byte[] bytes =
        concat(
            ascii("--ffmpeg\r\nContent-type: image/jpeg\r\nContent-length: 900\r\n\r\n"),
            image,
            ascii("\r\n--ffmpeg\r\n"));
    List<byte[]> out = new MultipartJpegParser("ffmpeg", LIMIT).feed(bytes);
    assertImages(List.of(image), out);
  }

  @Test
  void delimiterWithExtraDashesLfOnlyAndPaddingIsAccepted() {
    byte[] first = jpeg(new Random(5), 300);
    byte[] second = jpeg(new Random(6), 300);
    byte[] bytes =
        concat(
            ascii("\r\n----myboundary  \nContent-Type: image/jpeg\n\n"),
            first,
            ascii("\n----myboundary\nContent-Type: image/jpeg\n\n"),
            second,
            ascii("\n----myboundary\n"));
    List<byte[]> out = new MultipartJpegParser("myboundary", LIMIT).feed(bytes);
    assertImages(List.of(first, second), out);
  }

  @Test
  void garbageBetweenPartsIsAClearError() {
    List<byte[]> images = jpegs(new Random(8), 1);
    byte[] bytes = concat(stream("--x", images, true), ascii("HELLO THERE\r\n--x\r\n"));
    MultipartJpegParser parser = new MultipartJpegParser("x", LIMIT);
    MjpegFormatException e = assertThrows(MjpegFormatException.class, () -> parser.feed(bytes));
    assertTrue(e.getMessage().contains("expected the boundary line '--x'"), e.getMessage());
    assertTrue(e.getMessage().contains("HELLO THERE"), e.getMessage());
  }

  @Test
  void imagesBeforeAnErrorInTheSameChunkAreStillDelivered() {
    List<byte[]> images = jpegs(new Random(14), 2);
    byte[] bytes = concat(stream("--x", images, true), ascii("garbage\r\n"));
    List<byte[]> delivered = new ArrayList<>();
    MultipartJpegParser parser = new MultipartJpegParser("x", LIMIT);
    assertThrows(
        MjpegFormatException.class, () -> parser.feed(bytes, 0, bytes.length, delivered::add));
    assertImages(images, delivered);
  }

  @Test
  void announcedPartLargerThanTheLimitIsRefusedBeforeItsBody() {
    byte[] head = ascii("--x\r\nContent-Length: 5000\r\n\r\n");
    MultipartJpegParser parser = new MultipartJpegParser("x", 4096);
    MjpegFormatException e = assertThrows(MjpegFormatException.class, () -> parser.feed(head));
    assertTrue(e.getMessage().contains("announces 5000 bytes"), e.getMessage());
  }

  @Test
  void partWithoutBoundaryIsCutAtTheLimit() {
    MultipartJpegParser parser = new MultipartJpegParser("x", 4096);
    parser.feed(ascii("--x\r\nContent-Type: image/jpeg\r\n\r\n"));
    byte[] chunk = jpeg(new Random(9), 1000);
    assertThrows(
        MjpegFormatException.class,
        () -> {
          for (int i = 0; i < 10; i++) {
            parser.feed(chunk);
          }
        });
  }

  @Test
  void scannedPartLargerThanTheLimitIsRefused() {
    byte[] image = jpeg(new Random(10), 5000);
    byte[] bytes = stream("--x", List.of(image, image), false);
    MultipartJpegParser parser = new MultipartJpegParser("x", 4990);
    assertThrows(MjpegFormatException.class, () -> parser.feed(bytes));
  }

  @Test
  void endlessHeadersAreCutAt8KiB() {
    MultipartJpegParser parser = new MultipartJpegParser("x", LIMIT);
    parser.feed(ascii("--x\r\n"));
    byte[] header = ascii("X-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
    MjpegFormatException e =
        assertThrows(
            MjpegFormatException.class,
            () -> {
              for (int i = 0; i < 1000; i++) {
                parser.feed(header);
              }
            });
    assertTrue(e.getMessage().contains("8192"), e.getMessage());
  }

  @Test
  void aPartThatIsNotAJpegIsRefused() {
    byte[] bytes = ascii("--x\r\nContent-Length: 5\r\n\r\nhello\r\n");
    MultipartJpegParser parser = new MultipartJpegParser("x", LIMIT);
    MjpegFormatException e = assertThrows(MjpegFormatException.class, () -> parser.feed(bytes));
    assertTrue(e.getMessage().contains("not a JPEG"), e.getMessage());
  }

  @Test
  void htmlInsteadOfAStreamIsRefused() {
    byte[] bytes = ascii("<html><body>Login required</body></html>\r\n");
    MultipartJpegParser parser = new MultipartJpegParser("x", LIMIT);
    MjpegFormatException e = assertThrows(MjpegFormatException.class, () -> parser.feed(bytes));
    assertTrue(e.getMessage().contains("<html>"), e.getMessage());
  }

  @Test
  void badContentLengthIsRefused() {
    byte[] bytes = ascii("--x\r\nContent-Length: lots\r\n\r\n");
    MultipartJpegParser parser = new MultipartJpegParser("x", LIMIT);
    MjpegFormatException e = assertThrows(MjpegFormatException.class, () -> parser.feed(bytes));
    assertTrue(e.getMessage().contains("bad Content-Length 'lots'"), e.getMessage());
  }

  @Test
  void malformedHeaderIsRefused() {
    byte[] bytes = ascii("--x\r\nno colon here\r\n\r\n");
    MultipartJpegParser parser = new MultipartJpegParser("x", LIMIT);
    assertThrows(MjpegFormatException.class, () -> parser.feed(bytes));
  }

  @Test
  void countsFrames() {
    List<byte[]> images = jpegs(new Random(12), 3);
    MultipartJpegParser parser = new MultipartJpegParser("x", LIMIT);
    parser.feed(stream("--x", images, true));
    assertEquals(3, parser.frames());
  }

  private static void assertImages(List<byte[]> expected, List<byte[]> actual) {
    assertEquals(expected.size(), actual.size(), "number of images");
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), "image " + i);
    }
  }
}
