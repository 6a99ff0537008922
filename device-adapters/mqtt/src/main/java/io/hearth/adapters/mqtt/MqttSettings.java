package io.hearth.adapters.mqtt;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The {@code mqtt} section of the configuration, typed: which external broker to read devices from,
 * as whom, through which conventions, and how many commands to hold while it is away. An empty url
 * means no external broker: the adapter stays idle (the hub's own broker can still feed it). {@link
 * #toString()} and {@link #toJson()} never show the password.
 *
 * @param url {@code tcp://host:1883} or {@code ssl://host:8883}; empty for none
 * @param username empty for anonymous
 * @param password empty for none
 * @param clientId the MQTT client id; never empty (generated when not configured)
 * @param conventions convention ids, in the order messages are offered to them
 * @param queueLimit commands held while the broker is unreachable
 */
public record MqttSettings(
    String url,
    String username,
    String password,
    String clientId,
    List<String> conventions,
    int queueLimit) {

  public static final String DEFAULT_CONVENTIONS = "z2m,tasmota,ha,shelly";
  public static final int DEFAULT_QUEUE_LIMIT = 100;

  public static final ConfigKey<String> URL =
      ConfigKey.string(
          "mqtt.url",
          "External MQTT broker to read devices from: tcp://host:1883 or ssl://host:8883."
              + " Default empty: no external broker, the adapter stays idle.",
          "");
  public static final ConfigKey<String> USERNAME =
      ConfigKey.string("mqtt.username", "User name at the broker. Default empty: anonymous.", "");
  public static final ConfigKey<String> PASSWORD =
      ConfigKey.secret("mqtt.password", "Password at the broker. Default none.");
  public static final ConfigKey<String> CLIENT_ID =
      ConfigKey.string(
          "mqtt.client-id",
          "MQTT client id of the hub. Default empty: hearth-<random>, new at each start.",
          "");
  public static final ConfigKey<String> CONVENTIONS =
      ConfigKey.string(
          "mqtt.conventions",
          "Comma list of device conventions to read: z2m (zigbee2mqtt), tasmota, ha (Home"
              + " Assistant discovery), shelly (Gen2). Default "
              + DEFAULT_CONVENTIONS
              + ".",
          DEFAULT_CONVENTIONS);
  public static final ConfigKey<Integer> QUEUE_LIMIT =
      ConfigKey.integer(
          "mqtt.queue-limit",
          "Commands held while the broker is unreachable, sent on reconnect; beyond this a"
              + " command fails with 503. Default "
              + DEFAULT_QUEUE_LIMIT
              + ".",
          DEFAULT_QUEUE_LIMIT,
          0,
          10_000);

  /** Normalises and checks every field; throws IllegalArgumentException naming the key. */
  public MqttSettings {
    url = url == null ? "" : url.trim();
    checkUrl(url);
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    clientId = clientId == null || clientId.isBlank() ? generatedClientId() : clientId.trim();
    conventions = List.copyOf(conventions.stream().map(Conventions::canonical).toList());
    if (conventions.isEmpty()) {
      throw new IllegalArgumentException("mqtt.conventions: name at least one convention");
    }
    if (queueLimit < 0) {
      throw new IllegalArgumentException("mqtt.queue-limit must not be negative");
    }
  }

  /** Every key of the section, for {@code hearth config}. */
  public static List<ConfigKey<?>> keys() {
    return List.of(URL, USERNAME, PASSWORD, CLIENT_ID, CONVENTIONS, QUEUE_LIMIT);
  }

  /** The effective values of the section. */
  public static MqttSettings from(HubConfig config) {
    String password = config.get(PASSWORD);
    return new MqttSettings(
        config.get(URL),
        config.get(USERNAME),
        password,
        config.get(CLIENT_ID),
        Conventions.parseList(config.get(CONVENTIONS)),
        config.get(QUEUE_LIMIT));
  }

  /** The defaults, with a broker url (empty for none). */
  public static MqttSettings defaults(String url) {
    return new MqttSettings(
        url, "", "", "", Conventions.parseList(DEFAULT_CONVENTIONS), DEFAULT_QUEUE_LIMIT);
  }

  /** True when an external broker is configured. */
  public boolean hasBroker() {
    return !url.isEmpty();
  }

  /** These settings with credentials. */
  public MqttSettings withCredentials(String user, String pass) {
    return new MqttSettings(url, user, pass, clientId, conventions, queueLimit);
  }

  /** These settings with another queue limit. */
  public MqttSettings withQueueLimit(int limit) {
    return new MqttSettings(url, username, password, clientId, conventions, limit);
  }

  /** The settings as JSON for an API answer; the password is only said to be set or not. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("url", url)
        .put("username", username)
        .put("password_set", !password.isEmpty())
        .put("client_id", clientId)
        .put("conventions", String.join(",", conventions))
        .put("queue_limit", queueLimit);
  }

  @Override
  public String toString() {
    return "MqttSettings" + toJson().encode();
  }

  private static void checkUrl(String url) {
    if (url.isEmpty()) {
      return;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((!scheme.equals("tcp") && !scheme.equals("ssl")) || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "mqtt.url: expected tcp://host:1883 or ssl://host:8883, got " + url);
      }
      if (uri.getUserInfo() != null) {
        throw new IllegalArgumentException(
            "mqtt.url: put credentials in mqtt.username and mqtt.password, not in the url");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("mqtt.url: not a URL: " + e.getMessage(), e);
    }
  }

  private static String generatedClientId() {
    byte[] bytes = new byte[4];
    new SecureRandom().nextBytes(bytes);
    return "hearth-" + HexFormat.of().formatHex(bytes);
  }
}
