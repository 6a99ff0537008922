package io.hearth.adapters.mqtt.convention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.runtime.device.Capability;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/** Helpers for building payloads and reading translations in tests. */
final class Msgs {
  private Msgs() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The values read for one device, by capability; fails on a duplicate capability. */
  static Map<Capability, Object> values(Translation t, String deviceKey) {
    Map<Capability, Object> out = new EnumMap<>(Capability.class);
    for (Reading r : t.readings()) {
      if (r.deviceKey().equals(deviceKey)) {
        assertEquals(r.capability().unit(), r.unit(), "unit of " + r);
        Object previous = out.put(r.capability(), r.value());
        assertEquals(null, previous, "duplicate " + r.capability());
      }
    }
    return out;
  }

  /** The device keys a translation has readings for. */
  static java.util.Set<String> keys(Translation t) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    t.readings().forEach(r -> out.add(r.deviceKey()));
    return out;
  }

  static void assertStatus(Translation.Status expected, Translation t) {
    assertEquals(expected, t.status(), () -> "translation: " + t);
  }
}
