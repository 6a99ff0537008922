package io.hearth.adapters.coap.codec;

import io.hearth.runtime.device.Capability;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a discovered resource to a Hearth capability from its hints, in this order: resource type
 * ({@code rt}), interface ({@code if}), {@code title}, then the last path segment. Each hint is
 * split into lowercase words, and the first word found in the table below decides:
 *
 * <pre>
 *   temperature, temp, oic.r.temperature      TEMPERATURE   switch, relay, oic.r.switch.binary  SWITCH
 *   humidity, oic.r.humidity                  HUMIDITY      dimmer, brightness, level        DIMMER
 *   illuminance, lux, luminosity              ILLUMINANCE   power, watts                     POWER
 *   motion, presence, pir                     MOTION        energy                           ENERGY
 *   contact, door, window                     CONTACT       voltage                          VOLTAGE
 *   battery                                   BATTERY       pressure                         PRESSURE
 *   co2                                       CO2
 * </pre>
 *
 * A resource that matches none (a clock, a counter) is no failure: the adapter keeps it as a
 * generic value ({@code Capability.VALUE} or {@code Capability.TEXT}).
 */
public final class ResourceMap {
  private static final Map<String, Capability> WORDS = new LinkedHashMap<>();

  static {
    words(Capability.TEMPERATURE, "temperature", "temp", "oic.r.temperature");
    words(Capability.HUMIDITY, "humidity", "oic.r.humidity");
    words(Capability.ILLUMINANCE, "illuminance", "lux", "luminosity", "oic.r.illuminance");
    words(Capability.MOTION, "motion", "presence", "pir", "oic.r.sensor.motion");
    words(Capability.CONTACT, "contact", "door", "window", "oic.r.sensor.contact");
    words(Capability.BATTERY, "battery");
    words(Capability.CO2, "co2");
    words(Capability.SWITCH, "switch", "relay", "oic.r.switch.binary");
    words(Capability.DIMMER, "dimmer", "brightness", "level", "oic.r.light.brightness");
    words(Capability.POWER, "power", "watts");
    words(Capability.ENERGY, "energy");
    words(Capability.VOLTAGE, "voltage");
    words(Capability.PRESSURE, "pressure");
  }

  private ResourceMap() {}

  private static void words(Capability capability, String... words) {
    for (String word : words) {
      WORDS.put(word, capability);
    }
  }

  /** What a discovered resource becomes: a capability, or the reason it has none. */
  public record Mapping(WebLink link, Optional<Capability> capability, String reason) {}

  /** Maps one link; never fails. */
  public static Mapping map(WebLink link) {
    for (String hint : hints(link)) {
      Optional<Capability> found = match(hint);
      if (found.isPresent()) {
        return new Mapping(link, found, "mapped from '" + hint + "'");
      }
    }
    return new Mapping(link, Optional.empty(), "no capability matches its rt, if, title or path");
  }

  private static String[] hints(WebLink link) {
    String path = link.target();
    String last = path.substring(path.lastIndexOf('/') + 1);
    return new String[] {link.resourceType(), link.interfaceDescription(), link.title(), last};
  }

  private static Optional<Capability> match(String hint) {
    String lower = hint.toLowerCase(Locale.ROOT);
    if (WORDS.containsKey(lower)) {
      return Optional.of(WORDS.get(lower));
    }
    for (String word : lower.split("[^a-z0-9]+")) {
      if (WORDS.containsKey(word)) {
        return Optional.of(WORDS.get(word));
      }
    }
    return Optional.empty();
  }
}
