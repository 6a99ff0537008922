package io.hearth.api.settings;

import io.hearth.runtime.config.ConfigKey;
import java.util.List;

/** The local API's configuration section, {@code api}. */
public final class ApiSettings {
  public static final ConfigKey<Integer> PORT =
      ConfigKey.port("api.port", "HTTPS port of the REST API and the web pages.", 8443);
  public static final ConfigKey<String> HOST =
      ConfigKey.string(
          "api.host",
          "Address the HTTPS server listens on; 0.0.0.0 means every interface.",
          "0.0.0.0");
  public static final ConfigKey<Boolean> HTTP_ENABLED =
      ConfigKey.bool(
          "api.http-enabled",
          "Also serve plain HTTP (for local scripts); on loopback only unless api.http-lan is true.",
          true);
  public static final ConfigKey<Integer> HTTP_PORT =
      ConfigKey.port("api.http-port", "Plain HTTP port.", 8080);
  public static final ConfigKey<String> HTTP_HOST =
      ConfigKey.string(
          "api.http-host",
          "Address of the plain HTTP server; must be a loopback address unless api.http-lan is"
              + " true.",
          "127.0.0.1");
  public static final ConfigKey<Boolean> HTTP_LAN =
      ConfigKey.bool(
          "api.http-lan",
          "Allow plain HTTP on a non-loopback address. Tokens then cross the network unencrypted:"
              + " leave false unless another layer protects them.",
          false);
  public static final ConfigKey<Integer> MAX_BODY_BYTES =
      ConfigKey.integer(
          "api.max-body-bytes",
          "Largest request body accepted, in bytes; larger ones get 413.",
          65_536,
          1_024,
          16 << 20);

  private ApiSettings() {}

  public static List<ConfigKey<?>> keys() {
    return List.of(PORT, HOST, HTTP_ENABLED, HTTP_PORT, HTTP_HOST, HTTP_LAN, MAX_BODY_BYTES);
  }
}
