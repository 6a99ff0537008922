package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.spi.HubModule;
import java.net.URI;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RtspModuleTest {
  @Test
  void isFoundByTheServiceLoaderWithItsDocumentedKeys() {
    HubModule module =
        ServiceLoader.load(HubModule.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(m -> m.name().equals("rtsp"))
            .findFirst()
            .orElseThrow();
    assertEquals(5, module.configKeys().size());
    for (ConfigKey<?> key : module.configKeys()) {
      assertEquals("rtsp", key.section());
      assertTrue(key.description().contains("Default"), key.name() + " documents its default");
    }
  }

  @Test
  void defaultsAreTcpWithBoundedWaits() {
    RtspSettings settings = RtspSettings.defaults();
    assertEquals(RtspSettings.Transport.TCP, settings.transport());
    assertEquals(5000, settings.connectTimeoutMs());
    assertEquals(10_000, settings.mediaTimeoutMs());
    assertEquals(RtspSettings.Transport.AUTO, RtspSettings.parseTransport(" Auto "));
    assertThrows(IllegalArgumentException.class, () -> RtspSettings.parseTransport("quic"));
  }

  @Test
  void factoryHandlesRtspAndRtspsOnly() {
    RtspSourceFactory factory = new RtspSourceFactory(RtspSettings.defaults());
    assertTrue(factory.handles(URI.create("rtsp://cam.local/live")));
    assertTrue(factory.handles(URI.create("RTSPS://user:pw@10.0.0.5:322/live")));
    assertFalse(factory.handles(URI.create("http://cam.local/mjpeg")));
    assertFalse(factory.handles(URI.create("rtsp:opaque")));
  }

  @Test
  void controlUrlsMustStayOnTheCamerasHostAndPort() {
    URI camera = URI.create("rtsp://10.0.0.5/live");
    VideoTrack.checkSameOrigin(camera, URI.create("rtsp://10.0.0.5:554/live/track1"));
    assertThrows(
        RtspFailure.class,
        () -> VideoTrack.checkSameOrigin(camera, URI.create("rtsp://10.0.0.6/live/track1")));
    assertThrows(
        RtspFailure.class,
        () -> VideoTrack.checkSameOrigin(camera, URI.create("rtsp://10.0.0.5:8554/live")));
  }

  @Test
  void userInfoNeverStaysInARequestUrl() {
    assertEquals(
        "rtsp://10.0.0.5/live",
        VideoTrack.withoutUserInfo(URI.create("rtsp://admin:pw@10.0.0.5/live")).toString());
  }
}
