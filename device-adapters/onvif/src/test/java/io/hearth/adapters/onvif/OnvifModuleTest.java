package io.hearth.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.spi.HubModule;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OnvifModuleTest {
  @Test
  void isFoundByTheServiceLoaderEnabledWithItsDocumentedKeys() {
    HubModule module =
        ServiceLoader.load(HubModule.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(m -> m.name().equals("onvif"))
            .findFirst()
            .orElseThrow();
    assertTrue(module.enabledByDefault());
    assertEquals(9, module.configKeys().size());
    for (ConfigKey<?> key : module.configKeys()) {
      assertEquals("onvif", key.section());
      assertTrue(key.description().contains("Default"), key.name() + " documents its default");
    }
    assertEquals(60, OnvifSettings.defaults().probeIntervalSeconds());
  }
}
