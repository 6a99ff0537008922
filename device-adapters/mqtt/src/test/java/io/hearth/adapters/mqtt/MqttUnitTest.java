package io.hearth.adapters.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.spi.HubModule;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Settings, backoff and flood limits, without a broker. */
class MqttUnitTest {
  @Test
  void moduleIsFoundWithDocumentedKeysAndASecretPassword() {
    HubModule module =
        ServiceLoader.load(HubModule.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(m -> m.name().equals("mqtt"))
            .findFirst()
            .orElseThrow();
    for (ConfigKey<?> key : module.configKeys()) {
      assertEquals("mqtt", key.section());
      assertTrue(key.description().contains("Default"), key.name() + " documents its default");
    }
    assertTrue(MqttSettings.PASSWORD.secret());
    assertEquals(6, module.configKeys().size());
  }

  @Test
  void settingsValidateTheUrlAndConventionsAndHideThePassword() {
    MqttSettings s = MqttSettings.defaults("ssl://broker.lan:8883").withCredentials("u", "pw1");

    assertEquals(List.of("z2m", "tasmota", "ha", "shelly"), s.conventions());
    assertTrue(s.clientId().startsWith("hearth-"));
    assertFalse(s.toString().contains("pw1"));
    assertEquals(true, s.toJson().getBoolean("password_set"));
    assertFalse(MqttSettings.defaults("").hasBroker());
    assertThrows(IllegalArgumentException.class, () -> MqttSettings.defaults("http://x:1883"));
    assertThrows(IllegalArgumentException.class, () -> MqttSettings.defaults("tcp://u:p@x"));
    assertEquals(List.of("z2m", "ha"), Conventions.parseList(" zigbee2mqtt, homeassistant,z2m"));
    assertThrows(IllegalArgumentException.class, () -> Conventions.parseList("z2m,zwave"));
  }

  @Test
  void backoffGrowsWithJitterWithinOneToSixtySeconds() {
    ReconnectBackoff low = new ReconnectBackoff(1000, 60_000, () -> 0.0);
    ReconnectBackoff high = new ReconnectBackoff(1000, 60_000, () -> 0.999);
    long[] lows = new long[10];
    for (int i = 0; i < lows.length; i++) {
      lows[i] = low.nextMillis();
      long h = high.nextMillis();
      assertTrue(h >= lows[i] && h <= 60_000, "jitter within bounds: " + h);
    }

    assertEquals(1000, lows[0]);
    assertEquals(2000, lows[1]);
    assertEquals(60_000, lows[9]);
    low.reset();
    assertEquals(1000, low.nextMillis());
  }

  @Test
  void floodGuardLimitsEachTopicPerSecond() {
    FloodGuard guard = new FloodGuard(2);

    assertTrue(guard.allow("a", 1000));
    assertTrue(guard.allow("a", 1500));
    assertFalse(guard.allow("a", 1600));
    assertTrue(guard.allow("b", 1600), "other topics are not held back");
    assertTrue(guard.allow("a", 2000), "a new second starts afresh");
  }

  @Test
  void problemSubjectsAreBoundedAndPrintable() {
    ProblemLog log = new ProblemLog();
    for (int i = 0; i < ProblemLog.MAX_SUBJECTS * 2; i++) {
      log.report("t/" + i, io.hearth.adapters.mqtt.convention.ProblemKind.TOPIC_INVALID, "x");
    }

    assertEquals(ProblemLog.MAX_SUBJECTS * 2L, log.total());
    assertEquals(ProblemLog.MAX_SUBJECTS, log.loggedSubjects());
    assertEquals("a?b", ProblemLog.printable("a\nb"));
  }
}
