package io.hearth.adapters.coap.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One link of an RFC 6690 link-format document: its target (a path such as {@code /time}) and its
 * attributes. An attribute without a value ({@code obs}) maps to the empty string; a repeated
 * attribute keeps its first value.
 */
public record WebLink(String target, Map<String, String> attributes) {

  public WebLink {
    attributes = Map.copyOf(attributes);
  }

  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /** Resource type ({@code rt}), or empty. */
  public String resourceType() {
    return attributes.getOrDefault("rt", "");
  }

  /** Interface description ({@code if}), or empty. */
  public String interfaceDescription() {
    return attributes.getOrDefault("if", "");
  }

  public String title() {
    return attributes.getOrDefault("title", "");
  }

  /** Whether the resource says it is observable (RFC 7641 {@code obs}). */
  public boolean observable() {
    return attributes.containsKey("obs");
  }

  /** The content formats ({@code ct}, space-separated numbers); unparseable ones are skipped. */
  public List<Integer> contentFormats() {
    List<Integer> formats = new ArrayList<>();
    for (String part : attributes.getOrDefault("ct", "").trim().split("\\s+")) {
      try {
        if (!part.isEmpty()) {
          formats.add(Integer.parseInt(part));
        }
      } catch (NumberFormatException e) {
        // A device's odd ct value is not worth refusing the whole document for.
      }
    }
    return formats;
  }
}
