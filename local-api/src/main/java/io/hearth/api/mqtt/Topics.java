package io.hearth.api.mqtt;

/**
 * MQTT topic rules: valid names and filters (bounded in length and levels) and matching of a filter
 * against a name, with '+', '#' and the rule that wildcards at the first level never match topics
 * starting with '$'.
 */
final class Topics {
  private Topics() {}

  /** Why a topic name cannot be published to, or null if it can. */
  static String invalidName(String topic, BrokerLimits limits) {
    String common = invalidCommon(topic, limits);
    if (common != null) {
      return common;
    }
    if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
      return "a topic name may not contain + or #";
    }
    return null;
  }

  /** Why a topic filter cannot be subscribed to, or null if it can. */
  static String invalidFilter(String filter, BrokerLimits limits) {
    String common = invalidCommon(filter, limits);
    if (common != null) {
      return common;
    }
    if (filter.startsWith("$share/")) {
      return "shared subscriptions are not supported";
    }
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      boolean hash = level.contains("#");
      if (hash && (!level.equals("#") || i != levels.length - 1)) {
        return "# must be a whole level and the last one";
      }
      if (level.contains("+") && !level.equals("+")) {
        return "+ must be a whole level";
      }
    }
    return null;
  }

  private static String invalidCommon(String topic, BrokerLimits limits) {
    if (topic == null || topic.isEmpty()) {
      return "the topic is empty";
    }
    if (topic.length() > limits.maxTopicLength()) {
      return "the topic is longer than " + limits.maxTopicLength() + " characters";
    }
    if (topic.indexOf('\0') >= 0) {
      return "the topic contains a NUL character";
    }
    if (levels(topic) > limits.maxTopicLevels()) {
      return "the topic has more than " + limits.maxTopicLevels() + " levels";
    }
    return null;
  }

  static int levels(String topic) {
    int count = 1;
    for (int i = 0; i < topic.length(); i++) {
      if (topic.charAt(i) == '/') {
        count++;
      }
    }
    return count;
  }

  /** Whether a valid filter matches a valid topic name. */
  static boolean matches(String filter, String topic) {
    if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
      return false;
    }
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return true;
      }
      if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
        return false;
      }
    }
    return f.length == t.length;
  }
}
