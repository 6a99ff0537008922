package io.hearth.adapters.onvif;

import static io.hearth.adapters.onvif.Namespaces.SCHEMA;
import static io.hearth.adapters.onvif.Namespaces.WSA10;
import static io.hearth.adapters.onvif.Namespaces.WSNT;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Reads motion out of ONVIF event messages (WS-BaseNotification {@code NotificationMessage}s of a
 * PullMessages answer or a Notify): the topics {@code tns1:RuleEngine/CellMotionDetector/Motion}
 * (IsMotion), {@code tns1:VideoSource/MotionAlarm} (State) and {@code
 * tns1:RuleEngine/MotionRegionDetector/Motion} (State). Other topics are ignored. Which camera the
 * motion belongs to is never read from a message: its sources and tokens name whatever the sender
 * likes, so only the subscription it came through says whose it is.
 */
final class MotionMessages {
  private static final Map<String, String> TOPICS =
      Map.of(
          "ruleengine/cellmotiondetector/motion", "IsMotion",
          "videosource/motionalarm", "State",
          "ruleengine/motionregiondetector/motion", "State");

  private MotionMessages() {}

  /**
   * What the messages said, in order.
   *
   * @param motion each motion value, oldest first
   * @param references the subscription references the messages named (empty strings for none)
   */
  record Read(List<Boolean> motion, List<String> references) {}

  /** The motion values in the {@code NotificationMessage} children of {@code container}. */
  static Read read(Element container) {
    List<Boolean> motion = new ArrayList<>();
    List<String> references = new ArrayList<>();
    for (Element message : SafeXml.children(container, WSNT, "NotificationMessage")) {
      references.add(reference(message));
      value(message).ifPresent(motion::add);
    }
    return new Read(motion, references);
  }

  private static String reference(Element message) {
    return SafeXml.child(message, WSNT, "SubscriptionReference")
        .flatMap(MotionMessages::address)
        .orElse("");
  }

  /** The address of an endpoint reference (WS-Addressing 2005/08, or 2004/08 of older cameras). */
  static Optional<String> address(Element reference) {
    return SafeXml.text(reference, WSA10, "Address")
        .or(() -> SafeXml.text(reference, Namespaces.WSA, "Address"));
  }

  private static Optional<Boolean> value(Element message) {
    String item = TOPICS.get(topic(message));
    if (item == null) {
      return Optional.empty();
    }
    return SafeXml.child(message, WSNT, "Message")
        .flatMap(m -> SafeXml.child(m, SCHEMA, "Message"))
        .flatMap(m -> SafeXml.child(m, SCHEMA, "Data"))
        .flatMap(d -> simpleItem(d, item))
        .flatMap(MotionMessages::bool);
  }

  /** The topic's path without its namespace prefix, lower case: {@code videosource/motionalarm}. */
  static String topic(Element message) {
    String text = SafeXml.text(message, WSNT, "Topic").orElse("");
    int colon = text.indexOf(':');
    int slash = text.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) {
      text = text.substring(colon + 1);
    }
    return text.toLowerCase(Locale.ROOT);
  }

  private static Optional<String> simpleItem(Element data, String name) {
    return SafeXml.children(data, SCHEMA, "SimpleItem").stream()
        .filter(i -> name.equals(i.getAttribute("Name")))
        .map(i -> i.getAttribute("Value").strip())
        .findFirst();
  }

  private static Optional<Boolean> bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1" -> Optional.of(true);
      case "false", "0" -> Optional.of(false);
      default -> Optional.empty();
    };
  }
}
