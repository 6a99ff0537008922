package io.hearth.adapters.mjpeg.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartBoundaryTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "multipart/x-mixed-replace;boundary=ffmpeg|ffmpeg",
        "multipart/x-mixed-replace; boundary=--myboundary|myboundary",
        "Multipart/X-Mixed-Replace; Boundary=\"--my boundary\"|my boundary",
        "multipart/x-mixed-replace; charset=x; boundary=\"frame\"|frame",
        "multipart/mixed;boundary=a-b-c|a-b-c"
      })
  void readsTheBoundaryToken(String contentType, String token) {
    assertEquals(token, MultipartBoundary.fromContentType(contentType));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "image/jpeg",
        "text/html; charset=utf-8",
        "multipart/x-mixed-replace",
        "multipart/x-mixed-replace; boundary=",
        "multipart/x-mixed-replace; boundary=\"--\"",
        " "
      })
  void refusesWhatIsNotAMultipartStream(String contentType) {
    MjpegFormatException e =
        assertThrows(
            MjpegFormatException.class, () -> MultipartBoundary.fromContentType(contentType));
    assertTrue(e.getMessage().contains("Content-Type") || e.getMessage().contains("boundary"));
  }
}
