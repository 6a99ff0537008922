package io.hearth.adapters.mqtt;

/** MQTT topic-filter matching ({@code +} one level, {@code #} the rest), for the local link. */
final class TopicFilter {
  private TopicFilter() {}

  static boolean matches(String filter, String topic) {
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    if (!t[0].isEmpty() && t[0].startsWith("$") && (f[0].equals("#") || f[0].equals("+"))) {
      return false;
    }
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
