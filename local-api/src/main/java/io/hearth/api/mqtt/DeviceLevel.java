package io.hearth.api.mqtt;

import io.hearth.runtime.domain.Ids;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The device level of the hub's topics: {@code hearth/<level>/...} is either the device id alone
 * ({@code dev_...}, the form every release published) or a readable name and the id, {@code
 * <slug>.<id>} ({@code living-room-thermometer.dev_...}), which the hub publishes state and
 * availability on as well. Only the id decides anything (who may read, which device a command is
 * for); the slug is for people, derived from the device's name (which does not change after
 * adoption), lowercase ASCII letters, digits and dashes.
 */
final class DeviceLevel {
  static final int MAX_SLUG = 40;
  private static final String SEPARATOR = ".";

  private DeviceLevel() {}

  /**
   * The device id a topic level names ({@code dev_...} or {@code <slug>.dev_...}), or the camera id
   * ({@code cam_...}: a camera's motion and latest event picture), else null.
   */
  static String idOf(String level) {
    if (isDeviceOrCamera(level)) {
      return level;
    }
    int dot = level.lastIndexOf(SEPARATOR);
    if (dot <= 0 || dot > MAX_SLUG) {
      return null;
    }
    String id = level.substring(dot + 1);
    boolean slug = level.substring(0, dot).matches("[a-z0-9]+(-[a-z0-9]+)*");
    return slug && Ids.isWellFormed(id, "dev") ? id : null;
  }

  /** A well-formed device ({@code dev_}) or camera ({@code cam_}) id. */
  static boolean isDeviceOrCamera(String id) {
    return Ids.isWellFormed(id, "dev") || Ids.isWellFormed(id, "cam");
  }

  /** The readable level of a device: {@code <slug>.<id>}. */
  static String named(String deviceId, String name) {
    return slug(name) + SEPARATOR + deviceId;
  }

  /** "Living room Thermometer (Ø2)" becomes "living-room-thermometer-2"; never empty. */
  static String slug(String name) {
    String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD);
    String slug =
        ascii
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_SLUG) {
      slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "device" : slug;
  }
}
