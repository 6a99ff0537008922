package io.hearth.adapters.mqtt.convention;

/**
 * Bounds on what a convention accepts from the network, so a hostile or broken device cannot make
 * the hub spend unbounded memory or stack. Inventory messages (zigbee2mqtt's {@code
 * bridge/devices}, which lists every device with its full feature tree) get a larger size limit.
 *
 * @param maxPayloadBytes largest ordinary payload
 * @param maxInventoryPayloadBytes largest device-inventory payload
 * @param maxJsonDepth deepest JSON nesting (objects and arrays)
 * @param maxStringLength longest JSON string
 * @param maxTopicLength longest topic, in characters
 * @param maxTopicLevels most topic levels
 * @param maxEntities most Home Assistant entities remembered at once
 */
public record TranslationLimits(
    int maxPayloadBytes,
    int maxInventoryPayloadBytes,
    int maxJsonDepth,
    int maxStringLength,
    int maxTopicLength,
    int maxTopicLevels,
    int maxEntities) {

  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_INVENTORY_PAYLOAD_BYTES = 2 * 1024 * 1024;
  public static final int DEFAULT_MAX_JSON_DEPTH = 32;
  public static final int DEFAULT_MAX_STRING_LENGTH = 8 * 1024;
  public static final int DEFAULT_MAX_TOPIC_LENGTH = 512;
  public static final int DEFAULT_MAX_TOPIC_LEVELS = 16;
  public static final int DEFAULT_MAX_ENTITIES = 4096;

  public static final TranslationLimits DEFAULTS =
      new TranslationLimits(
          DEFAULT_MAX_PAYLOAD_BYTES,
          DEFAULT_MAX_INVENTORY_PAYLOAD_BYTES,
          DEFAULT_MAX_JSON_DEPTH,
          DEFAULT_MAX_STRING_LENGTH,
          DEFAULT_MAX_TOPIC_LENGTH,
          DEFAULT_MAX_TOPIC_LEVELS,
          DEFAULT_MAX_ENTITIES);

  public TranslationLimits {
    positive("maxPayloadBytes", maxPayloadBytes);
    positive("maxInventoryPayloadBytes", maxInventoryPayloadBytes);
    positive("maxJsonDepth", maxJsonDepth);
    positive("maxStringLength", maxStringLength);
    positive("maxTopicLength", maxTopicLength);
    positive("maxTopicLevels", maxTopicLevels);
    positive("maxEntities", maxEntities);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
