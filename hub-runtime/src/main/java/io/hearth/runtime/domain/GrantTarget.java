package io.hearth.runtime.domain;

import java.util.Locale;

/**
 * What a grant is over: one camera, one device, every device in a room, or every sensor. A room or
 * sensors grant names no device; which devices it covers is read from the device table at each
 * access check, so a device added to the room (or a sensor adopted) later is covered, and one moved
 * out is not.
 */
public enum GrantTarget {
  CAMERA,
  DEVICE,
  ROOM,
  SENSORS;

  /** The target id of the one sensors grant a principal can hold. */
  public static final String ALL_SENSORS = "*";

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the grant names one device (a camera or a sensor) rather than a set of them. */
  public boolean isOneDevice() {
    return this == CAMERA || this == DEVICE;
  }

  public static GrantTarget parse(String text) {
    for (GrantTarget target : values()) {
      if (target.wireName().equals(text)) {
        return target;
      }
    }
    throw new IllegalArgumentException(
        "target kind must be camera, device, room or sensors, not '" + text + "'");
  }
}
