package io.hearth.adapters.mqtt.convention;

import java.util.List;
import java.util.Optional;

/** Checks on topics received from, or about to be published to, a broker. */
final class Topics {
  private Topics() {}

  /**
   * Why a received topic is unacceptable, or empty when it is fine: too long, too many levels,
   * empty, or containing wildcards or NUL (a broker never delivers those on a PUBLISH).
   */
  static Optional<String> check(String topic, TranslationLimits limits) {
    if (topic == null || topic.isEmpty()) {
      return Optional.of("empty topic");
    }
    if (topic.length() > limits.maxTopicLength()) {
      return Optional.of(
          "topic longer than " + limits.maxTopicLength() + " characters (" + topic.length() + ")");
    }
    if (hasForbidden(topic)) {
      return Optional.of("topic contains a wildcard or NUL character");
    }
    if (levelCount(topic) > limits.maxTopicLevels()) {
      return Optional.of("topic has more than " + limits.maxTopicLevels() + " levels");
    }
    return Optional.empty();
  }

  /** True when a name is safe to put into a topic we publish to: no wildcard, NUL or slash. */
  static boolean isSafeLevel(String level) {
    return !level.isEmpty() && !hasForbidden(level) && level.indexOf('/') < 0;
  }

  /** True when a multi-level path is safe to publish to: no wildcard, NUL or empty level. */
  static boolean isSafePath(String path) {
    return !path.isEmpty() && !hasForbidden(path) && !List.of(path.split("/", -1)).contains("");
  }

  static List<String> levels(String topic) {
    return List.of(topic.split("/", -1));
  }

  private static boolean hasForbidden(String s) {
    return s.indexOf('+') >= 0 || s.indexOf('#') >= 0 || s.indexOf('\0') >= 0;
  }

  private static int levelCount(String topic) {
    int n = 1;
    for (int i = 0; i < topic.length(); i++) {
      if (topic.charAt(i) == '/') {
        n++;
      }
    }
    return n;
  }
}
