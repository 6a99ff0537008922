package io.hearth.runtime.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Camera URLs with a raw {@code @} in the password, split as ffmpeg and go2rtc split them. */
class CameraUrlsTest {
  @Test
  void theUserInfoEndsAtTheLastAtOfTheAuthority() {
    String typed = "rtsp://admin:p@ss@w0rd@192.168.1.20:554/Streaming/Channels/101?a=b@c";
    URI url = URI.create(CameraUrls.encodeUserInfo(typed));
    assertEquals("192.168.1.20", url.getHost());
    Camera camera = new Camera("cam", "c", url, null, null);
    assertEquals("p@ss@w0rd", camera.credentials().password());
    assertEquals("admin", camera.credentials().username());
    assertEquals("rtsp://192.168.1.20:554/Streaming/Channels/101?a=b@c", camera.safeUrl());
  }

  @Test
  void urlsWithOneAtOrNoneAreLeftAsTheyAre() {
    for (String url :
        new String[] {"rtsp://a:b@h/x", "rtsp://h/x@y", "http://h/snap?u=a@b", "not a url"}) {
      assertEquals(url, CameraUrls.encodeUserInfo(url));
    }
  }
}
