package io.hearth.adapters.mqtt.convention;

import static io.hearth.adapters.mqtt.convention.Msgs.assertStatus;
import static io.hearth.adapters.mqtt.convention.Msgs.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.mqtt.convention.Translation.Status;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input, against every convention: a clear reason, never an exception. */
class RobustnessTest {

  /** Each convention with a topic it owns for JSON state, ready to read. */
  static Stream<Arguments> conventions() {
    HomeAssistantDiscoveryConvention ha = new HomeAssistantDiscoveryConvention();
    Translation config =
        ha.translate(
            "homeassistant/sensor/n/t/config",
            utf8(
                "{\"device_class\":\"temperature\",\"state_topic\":\"n/t\","
                    + "\"value_template\":\"{{ value_json.temperature }}\",\"unique_id\":\"t\"}"));
    assertStatus(Status.ACCEPTED, config);
    return Stream.of(
        Arguments.of(new Zigbee2MqttConvention(), "zigbee2mqtt/kitchen_sensor"),
        Arguments.of(new TasmotaConvention(), "tele/plug1/SENSOR"),
        Arguments.of(new ShellyGen2Convention(), "shellyplusht-1/status/temperature:0"),
        Arguments.of(ha, "n/t"));
  }

  private static Translation rejected(MqttConvention c, String topic, byte[] payload) {
    Translation t = c.translate(topic, payload);
    assertStatus(Status.REJECTED, t);
    assertFalse(t.reason().isEmpty());
    assertTrue(
        topic.isEmpty() || !t.subject().isEmpty(), "subject lets the caller log once per device");
    return t;
  }

  @ParameterizedTest
  @MethodSource("conventions")
  void oversizedPayloadIsRefusedWithItsSize(MqttConvention c, String topic) {
    byte[] big = new byte[TranslationLimits.DEFAULT_MAX_PAYLOAD_BYTES + 1];

    Translation t = rejected(c, topic, big);

    assertTrue(t.has(ProblemKind.PAYLOAD_TOO_LARGE), t::reason);
    assertTrue(t.reason().contains("65537 bytes"), t::reason);
  }

  @ParameterizedTest
  @MethodSource("conventions")
  void deepNestingIsRefusedWithoutStackOverflow(MqttConvention c, String topic) {
    String deep = "[".repeat(20_000) + "]".repeat(20_000);

    Translation t = rejected(c, topic, utf8("{\"temperature\":" + deep + "}"));

    assertTrue(t.has(ProblemKind.TOO_DEEP), t::reason);
  }

  @ParameterizedTest
  @MethodSource("conventions")
  void malformedJsonIsRefused(MqttConvention c, String topic) {
    for (String bad :
        List.of(
            "{\"temperature\":21.5",
            "{temperature:21}",
            "{\"temperature\":21.5}}",
            "{\"temperature\":21.5} trailing",
            "{\"temperature\":1,\"temperature\":2}",
            "")) {
      Translation t = rejected(c, topic, utf8(bad));
      assertTrue(t.has(ProblemKind.MALFORMED_JSON), () -> bad + " -> " + t.reason());
    }
  }

  @ParameterizedTest
  @MethodSource("conventions")
  void nonObjectJsonIsAWrongType(MqttConvention c, String topic) {
    Translation t = rejected(c, topic, utf8("[21.5]"));

    assertTrue(t.has(ProblemKind.WRONG_TYPE), t::reason);
  }

  @ParameterizedTest
  @MethodSource("conventions")
  void nanAndInfinityAreRefused(MqttConvention c, String topic) {
    assertTrue(rejected(c, topic, utf8("{\"temperature\":NaN}")).has(ProblemKind.MALFORMED_JSON));
    assertTrue(
        rejected(c, topic, utf8("{\"temperature\":-Infinity}")).has(ProblemKind.MALFORMED_JSON));
  }

  @ParameterizedTest
  @MethodSource("conventions")
  void invalidUtf8IsRefused(MqttConvention c, String topic) {
    byte[] payload = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    Translation t = rejected(c, topic, payload);

    assertTrue(t.has(ProblemKind.MALFORMED_JSON) || t.has(ProblemKind.NOT_UTF8), t::reason);
  }

  @ParameterizedTest
  @MethodSource("conventions")
  void hugeStringsAndNumbersHitALimit(MqttConvention c, String topic) {
    String longString = "{\"x\":\"" + "a".repeat(TranslationLimits.DEFAULT_MAX_STRING_LENGTH + 1);
    String longNumber = "{\"x\":1" + "0".repeat(100) + "}";

    assertTrue(rejected(c, topic, utf8(longString + "\"}")).has(ProblemKind.LIMIT_EXCEEDED));
    assertTrue(rejected(c, topic, utf8(longNumber)).has(ProblemKind.LIMIT_EXCEEDED));
  }

  @ParameterizedTest
  @MethodSource("conventions")
  void topicLimitsAreEnforcedBeforeAnythingElse(MqttConvention c, String topic) {
    String longTopic = topic + "/" + "x".repeat(TranslationLimits.DEFAULT_MAX_TOPIC_LENGTH);
    String manyLevels = topic + "/a".repeat(TranslationLimits.DEFAULT_MAX_TOPIC_LEVELS);

    for (String bad : List.of(longTopic, manyLevels, "", "a/+/b", "a/#", "a\0b")) {
      Translation t = rejected(c, bad, utf8("{}"));
      assertTrue(t.has(ProblemKind.TOPIC_INVALID), t::reason);
      assertTrue(t.subject().length() <= Texts.CLIP + 3 || bad.isEmpty());
    }
    assertTrue(c.translate(null, null).has(ProblemKind.TOPIC_INVALID));
  }

  @ParameterizedTest
  @MethodSource("conventions")
  void nullPayloadIsTreatedAsEmpty(MqttConvention c, String topic) {
    Translation t = c.translate(topic, null);

    assertTrue(t.status() == Status.REJECTED || t.status() == Status.IGNORED, t::toString);
  }

  @org.junit.jupiter.api.Test
  void overflowingNumbersAndAbsurdValuesAreRefusedPerField() {
    Zigbee2MqttConvention z2m = new Zigbee2MqttConvention();

    Translation t =
        z2m.translate(
            "zigbee2mqtt/s",
            utf8("{\"temperature\":1e999,\"humidity\":250,\"battery\":-3,\"linkquality\":60}"));

    assertStatus(Status.ACCEPTED, t);
    assertEquals(1, t.readings().size());
    assertTrue(t.has(ProblemKind.NOT_FINITE), t::reason);
    assertTrue(t.reason().contains("'humidity' = 250 is outside"), t::reason);
    assertTrue(t.reason().contains("'battery' = -3"), t::reason);
  }

  @org.junit.jupiter.api.Test
  void wrongTypesInEveryConventionNameTheField() {
    assertTrue(
        new TasmotaConvention()
            .translate("tele/p/SENSOR", utf8("{\"AM2301\":{\"Temperature\":\"hot\"}}"))
            .reason()
            .contains("'AM2301.Temperature' should be a number, got string hot"));
    assertTrue(
        new ShellyGen2Convention()
            .translate("s/status/switch:0", utf8("{\"id\":0,\"output\":\"yes\"}"))
            .reason()
            .contains("'switch:0.output' should be true or false"));
    assertTrue(
        new TasmotaConvention()
            .translate("tele/p/SENSOR", utf8("{\"TempUnit\":\"K\",\"X\":{\"Temperature\":3}}"))
            .has(ProblemKind.UNSUPPORTED));
  }

  /** Mutates realistic payloads at random; nothing may throw or hit the INTERNAL safety net. */
  @ParameterizedTest
  @MethodSource("conventions")
  void fuzzedPayloadsNeverEscapeAsExceptions(MqttConvention c, String topic) {
    Random random = new Random(20240301L);
    byte[] seed =
        utf8(
            "{\"temperature\":21.5,\"tC\":21.5,\"AM2301\":{\"Temperature\":21.3},"
                + "\"ENERGY\":{\"Power\":[1,2]},\"state\":\"ON\",\"brightness\":127,"
                + "\"output\":true,\"aenergy\":{\"total\":12.5},\"params\":{\"switch:0\":{}}}");
    for (int i = 0; i < 5_000; i++) {
      byte[] mutated = mutate(seed, random);
      Translation t = c.translate(topic, mutated);
      assertFalse(t.has(ProblemKind.INTERNAL), t::reason);
      assertTrue(t.status() != Status.REJECTED || !t.problems().isEmpty(), t::toString);
    }
  }

  private static final String ALPHABET = "{}[]\":,0123456789.-eE tfnNI\\\u00ff";

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] out = seed.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(out.length);
      out[at] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return random.nextInt(10) == 0 ? java.util.Arrays.copyOf(out, random.nextInt(out.length)) : out;
  }
}
