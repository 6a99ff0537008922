package io.hearth.adapters.coap;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import java.util.List;

/**
 * The {@code coap} section of the configuration, typed. Every wait is bounded by the request
 * timeout, every payload by the size limit; multicast discovery is off unless an interface is
 * named, so the hub never multicasts on a network its owner did not choose.
 *
 * @param pollIntervalMs how often resources that cannot be observed are read
 * @param requestTimeoutMs bound on each request, DTLS handshake included
 * @param maxPayloadBytes larger payloads (and link-format documents) are refused
 * @param multicastDiscovery whether to send discovery requests to the CoAP multicast groups
 * @param multicastInterface the network interface (by name) those requests go out on
 * @param discoveryIntervalSeconds how often discovery asks again while it is on
 */
public record CoapSettings(
    int pollIntervalMs,
    int requestTimeoutMs,
    int maxPayloadBytes,
    boolean multicastDiscovery,
    String multicastInterface,
    int discoveryIntervalSeconds) {

  public static final ConfigKey<Integer> POLL_INTERVAL_MS =
      ConfigKey.integer(
          "coap.poll-interval-ms",
          "Milliseconds between reads of resources that cannot be observed. Default 30000.",
          30_000,
          100,
          86_400_000);
  public static final ConfigKey<Integer> REQUEST_TIMEOUT_MS =
      ConfigKey.integer(
          "coap.request-timeout-ms",
          "Milliseconds to wait for a device's answer (DTLS handshake included); a device that"
              + " does not answer in time is reported offline. Default 5000.",
          5_000,
          100,
          120_000);
  public static final ConfigKey<Integer> MAX_PAYLOAD_BYTES =
      ConfigKey.integer(
          "coap.max-payload-bytes",
          "Largest payload (or /.well-known/core document) accepted from a device. Default 8192.",
          8_192,
          64,
          1_048_576);
  public static final ConfigKey<Boolean> MULTICAST_DISCOVERY =
      ConfigKey.bool(
          "coap.multicast-discovery",
          "Send GET /.well-known/core to 224.0.1.187 and ff02::fd to find devices; needs"
              + " coap.multicast-interface. Default false.",
          false);
  public static final ConfigKey<String> MULTICAST_INTERFACE =
      ConfigKey.string(
          "coap.multicast-interface",
          "Network interface name (eth0, wlan0) multicast discovery uses. Default unset.",
          null);
  public static final ConfigKey<Integer> DISCOVERY_INTERVAL_SECONDS =
      ConfigKey.integer(
          "coap.discovery-interval-seconds",
          "Seconds between multicast discovery rounds while coap.multicast-discovery is on; devices"
              + " that come on line later are found at the next round. Default 60.",
          60,
          10,
          86_400);

  public CoapSettings {
    positive(pollIntervalMs, "poll interval");
    positive(requestTimeoutMs, "request timeout");
    positive(maxPayloadBytes, "max payload bytes");
    positive(discoveryIntervalSeconds, "discovery interval");
    if (multicastDiscovery && (multicastInterface == null || multicastInterface.isBlank())) {
      throw new IllegalArgumentException(
          "coap.multicast-discovery needs coap.multicast-interface (an interface name)");
    }
  }

  /** {@link #discoveryIntervalSeconds} in milliseconds, for timers. */
  public long discoveryIntervalMs() {
    return discoveryIntervalSeconds * 1000L;
  }

  /** Every key of the section, for {@code hearth config}. */
  public static List<ConfigKey<?>> keys() {
    return List.of(
        POLL_INTERVAL_MS,
        REQUEST_TIMEOUT_MS,
        MAX_PAYLOAD_BYTES,
        MULTICAST_DISCOVERY,
        MULTICAST_INTERFACE,
        DISCOVERY_INTERVAL_SECONDS);
  }

  public static CoapSettings defaults() {
    return new CoapSettings(
        POLL_INTERVAL_MS.defaultValue(),
        REQUEST_TIMEOUT_MS.defaultValue(),
        MAX_PAYLOAD_BYTES.defaultValue(),
        false,
        null,
        DISCOVERY_INTERVAL_SECONDS.defaultValue());
  }

  public static CoapSettings from(HubConfig config) {
    return new CoapSettings(
        config.get(POLL_INTERVAL_MS),
        config.get(REQUEST_TIMEOUT_MS),
        config.get(MAX_PAYLOAD_BYTES),
        config.get(MULTICAST_DISCOVERY),
        config.get(MULTICAST_INTERFACE),
        config.get(DISCOVERY_INTERVAL_SECONDS));
  }

  private static void positive(int value, String what) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
  }
}
