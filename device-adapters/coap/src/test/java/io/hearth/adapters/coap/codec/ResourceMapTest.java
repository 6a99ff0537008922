package io.hearth.adapters.coap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.Capability;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourceMapTest {
  @Test
  void mapsByResourceTypeInterfaceTitleThenPath() {
    assertEquals(
        Optional.of(Capability.TEMPERATURE), cap("/s/1", Map.of("rt", "oic.r.temperature")));
    assertEquals(Optional.of(Capability.SWITCH), cap("/x", Map.of("if", "relay")));
    assertEquals(Optional.of(Capability.HUMIDITY), cap("/x", Map.of("title", "Room humidity")));
    assertEquals(Optional.of(Capability.ILLUMINANCE), cap("/sensors/lux", Map.of()));
    assertEquals(
        Optional.of(Capability.HUMIDITY),
        cap("/temp", Map.of("rt", "humidity")),
        "rt wins over the path");
  }

  @Test
  void clocksAndUnknownsMapToNoCapabilityWithAReason() {
    ResourceMap.Mapping time =
        ResourceMap.map(new WebLink("/time", Map.of("rt", "ticks", "if", "clock", "obs", "")));
    assertTrue(time.capability().isEmpty());
    assertTrue(time.reason().contains("no capability matches"), time.reason());

    ResourceMap.Mapping other = ResourceMap.map(new WebLink("/example_data", Map.of()));
    assertTrue(other.capability().isEmpty());
    assertTrue(other.reason().contains("no capability matches"), other.reason());
  }

  private static Optional<Capability> cap(String path, Map<String, String> attributes) {
    return ResourceMap.map(new WebLink(path, attributes)).capability();
  }
}
