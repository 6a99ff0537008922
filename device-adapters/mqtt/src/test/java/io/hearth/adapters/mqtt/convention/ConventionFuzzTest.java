package io.hearth.adapters.mqtt.convention;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hearth.runtime.device.Capability;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzes flows of MQTT messages (topic and payload) through every convention at once, each keeping
 * its state across the flow (Home Assistant configs, the zigbee2mqtt inventory), and phrases a
 * command for every capability a device was described with. Builds on {@link RobustnessTest}'s
 * hand-picked cases. Contract: {@link MqttConvention#translate} never throws; a rejection says why;
 * outputs stay within {@link TranslationLimits#DEFAULTS}; a command goes to one concrete topic
 * (never a wildcard), whatever a device announced.
 */
class ConventionFuzzTest {
  private static final int MAX_ENTITIES = TranslationLimits.DEFAULTS.maxEntities();

  /** Messages, each a 1-byte topic length, the topic, a 2-byte payload length, the payload. */
  @FuzzTest
  void anyFlowTranslatesWithoutThrowingAndCommandsStayConcrete(byte[] input) {
    List<MqttConvention> conventions =
        List.of(
            new Zigbee2MqttConvention(),
            new TasmotaConvention(),
            new ShellyGen2Convention(),
            new HomeAssistantDiscoveryConvention());
    int pos = 0;
    while (pos < input.length) {
      int topicLength = input[pos++] & 0xFF;
      String topic = utf8(input, pos, topicLength);
      pos = Math.min(input.length, pos + topicLength);
      int payloadLength = pos + 1 < input.length ? u16(input, pos) : 0;
      pos = Math.min(input.length, pos + 2);
      byte[] payload =
          java.util.Arrays.copyOfRange(input, pos, Math.min(input.length, pos + payloadLength));
      pos = Math.min(input.length, pos + payloadLength);
      for (MqttConvention convention : conventions) {
        check(convention, convention.translate(topic, payload));
      }
    }
  }

  private static void check(MqttConvention convention, Translation t) {
    assertNotNull(t);
    if (t.status() == Translation.Status.REJECTED) {
      assertFalse(t.reason().isEmpty(), "a rejection without a reason");
    }
    assertTrue(t.readings().size() <= MAX_ENTITIES, t.readings().size() + " readings");
    assertTrue(t.descriptions().size() <= MAX_ENTITIES, t.descriptions().size() + " descriptions");
    assertTrue(convention.subscriptions().size() <= MAX_ENTITIES + 8);
    for (DeviceDescription d : t.descriptions()) {
      for (Capability capability : d.capabilities()) {
        command(convention, new Command(d.deviceKey(), capability, sample(capability)));
      }
    }
  }

  private static void command(MqttConvention convention, Command command) {
    Optional<OutboundMessage> out = convention.command(command);
    out.ifPresent(
        m -> {
          assertFalse(m.topic().isEmpty(), "command to an empty topic");
          assertFalse(
              m.topic().contains("+") || m.topic().contains("#"),
              "command to a wildcard topic: " + m.topic());
        });
  }

  private static Object sample(Capability capability) {
    return switch (capability.valueType()) {
      case NUMBER -> 1.0;
      case BOOLEAN -> Boolean.TRUE;
      default -> "on";
    };
  }

  private static String utf8(byte[] input, int from, int length) {
    int end = Math.min(input.length, from + length);
    return from >= end ? "" : new String(input, from, end - from, StandardCharsets.UTF_8);
  }

  private static int u16(byte[] input, int pos) {
    return ((input[pos] & 0xFF) << 8) | (input[pos + 1] & 0xFF);
  }
}
