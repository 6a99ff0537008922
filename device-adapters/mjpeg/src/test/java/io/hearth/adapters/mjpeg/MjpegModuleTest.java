package io.hearth.adapters.mjpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.Hub;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.testing.TestHubs;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class MjpegModuleTest {
  @TempDir Path dir;

  @Test
  void isFoundByTheServiceLoader() {
    List<String> names =
        ServiceLoader.load(HubModule.class).stream().map(p -> p.get().name()).toList();
    assertTrue(names.contains("mjpeg"), names.toString());
  }

  @Test
  void everyKeyIsInTheMjpegSectionWithADocumentedDefault() {
    for (ConfigKey<?> key : new MjpegModule().configKeys()) {
      assertEquals("mjpeg", key.section(), key.name());
      assertTrue(key.defaultValue() != null, key.name());
      assertFalse(key.description().isBlank(), key.name());
    }
    assertEquals(4 << 20, MjpegSettings.MAX_FRAME_BYTES.defaultValue());
  }

  @Test
  void registersForHttpCamerasWhileTheHubRuns() {
    MjpegModule module = new MjpegModule();
    Hub hub =
        TestHubs.builder()
            .module(module)
            .dataDir(dir.resolve("data"))
            .set("mjpeg.frame-timeout-s", 3)
            .start()
            .hub();
    MediaSources sources = hub.context().mediaSources();
    try {
      // The hub hands out its adapters behind the egress ledger: the protocol says whose it is.
      assertEquals("mjpeg", sources.forUrl(URI.create("http://cam/v.mjpg")).protocol());
      assertEquals("mjpeg", sources.forUrl(URI.create("https://cam/v")).protocol());
      assertThrows(HubException.class, () -> sources.forUrl(URI.create("rtsp://cam/v")));
    } finally {
      hub.stop();
    }
    assertThrows(HubException.class, () -> sources.forUrl(URI.create("http://cam/v.mjpg")));
  }
}
