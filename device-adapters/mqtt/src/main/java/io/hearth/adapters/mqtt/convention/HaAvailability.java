package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a Home Assistant entity's device is online, from the availability topics its document
 * names ({@code availability_topic}, or the {@code availability} list), combined as {@code
 * availability_mode} says: {@code latest} (the last word on any topic), {@code all} (online once
 * every topic has said available), {@code any} (online while one does). Keeps the last word per
 * topic; used under the convention's lock.
 */
final class HaAvailability {
  /** One availability topic: the words that mean online and offline, and how to pick them out. */
  record Source(String topic, HaValueTemplate template, String online, String offline) {}

  private final String deviceKey;
  private final List<Source> sources;
  private final String mode;
  private final Map<String, Boolean> last = new HashMap<>();

  HaAvailability(String deviceKey, List<Source> sources, String mode) {
    this.deviceKey = deviceKey;
    this.sources = List.copyOf(sources);
    this.mode = mode;
  }

  String deviceKey() {
    return deviceKey;
  }

  List<Source> sources() {
    return sources;
  }

  /** The same sources for another device key. */
  HaAvailability withKey(String key) {
    return new HaAvailability(key, sources, mode);
  }

  /** Reads one message on {@code topic} and reports the combined state, when there is one. */
  void read(String topic, String text, JsonObject json, ReadingCollector out) {
    boolean understood = false;
    for (Source s : sources) {
      if (!s.topic().equals(topic)) {
        continue;
      }
      Object value = s.template().needsJson() ? s.template().extract(json) : text;
      if (value == null) {
        continue;
      }
      String word = String.valueOf(value).strip();
      if (word.equals(s.online()) || word.equals(s.offline())) {
        last.put(topic, word.equals(s.online()));
        understood = true;
      } else {
        out.problem(
            ProblemKind.WRONG_TYPE,
            "'" + topic + "' should be \"" + s.online() + "\" or \"" + s.offline() + "\"");
      }
    }
    Boolean state = understood ? combined(last.get(topic)) : null;
    if (state != null) {
      out.forKey(deviceKey).add(Reading.of(deviceKey, Capability.AVAILABILITY, state));
    }
  }

  private Boolean combined(Boolean latest) {
    return switch (mode) {
      case "all" ->
          last.size() < sources.size() && !last.containsValue(false)
              ? null
              : !last.containsValue(false) && last.size() == sources.size();
      case "any" -> last.containsValue(true) ? Boolean.TRUE : last.isEmpty() ? null : false;
      default -> latest;
    };
  }
}
