package io.hearth.adapters.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.testing.Await;
import java.net.URI;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CoapModuleTest {
  @TempDir Path dir;

  @Test
  void isFoundByTheServiceLoader() {
    assertTrue(
        ServiceLoader.load(HubModule.class).stream()
            .anyMatch(p -> p.type().equals(CoapModule.class)));
  }

  @Test
  void multicastNeedsAnInterfaceAndIsOffByDefault() {
    assertEquals(false, CoapSettings.defaults().multicastDiscovery());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CoapSettings(1000, 1000, 1024, true, " ", 60));
    assertTrue(e.getMessage().contains("coap.multicast-interface"));
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void discoveryStaysSilentUnlessEnabled() throws Exception {
    try (TestHub hub = new TestHub(dir)) {
      assertTrue(hub.hub.context().inbox().list(true).isEmpty());
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> Await.get(hub.module.discovery().discover()));
      assertTrue(e.getCause().getMessage().contains("off"));
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void badUrlsAreRefusedBeforeAnyTraffic() throws Exception {
    try (TestHub hub = new TestHub(dir)) {
      assertStatus(400, hub, URI.create("http://127.0.0.1:5683"), null);
      assertStatus(400, hub, URI.create("coaps://127.0.0.1:5684"), null);
    }
  }

  private static void assertStatus(int status, TestHub hub, URI url, Psk psk) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> Await.get(hub.devices().add("x", url, psk)));
    assertEquals(status, ((HubException) e.getCause()).status());
  }
}
