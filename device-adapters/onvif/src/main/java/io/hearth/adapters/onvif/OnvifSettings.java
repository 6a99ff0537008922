package io.hearth.adapters.onvif;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import java.util.List;

/**
 * The {@code onvif} section of the configuration, typed. Where discovery probes is not set here:
 * WS-Discovery uses the interfaces {@code discovery.interfaces} selects, like every other discovery
 * protocol.
 *
 * @param probeIntervalSeconds how often a WS-Discovery Probe goes out on each interface
 * @param requestTimeoutMs bound on each ONVIF SOAP call, connection and whole answer included
 * @param maxResponseBytes larger SOAP answers are refused
 */
public record OnvifSettings(int probeIntervalSeconds, int requestTimeoutMs, int maxResponseBytes) {

  public static final ConfigKey<Integer> PROBE_INTERVAL_SECONDS =
      ConfigKey.integer(
          "onvif.probe-interval-seconds",
          "Seconds between WS-Discovery probes for ONVIF cameras on each discovery interface;"
              + " cameras that announce themselves (Hello) are seen at once. Default 60.",
          60,
          1,
          86_400);
  public static final ConfigKey<Integer> REQUEST_TIMEOUT_MS =
      ConfigKey.integer(
          "onvif.request-timeout-ms",
          "Milliseconds an ONVIF camera has to answer one SOAP request in full during adoption."
              + " Default 5000.",
          5_000,
          100,
          120_000);
  public static final ConfigKey<Integer> MAX_RESPONSE_BYTES =
      ConfigKey.integer(
          "onvif.max-response-bytes",
          "Largest SOAP answer accepted from an ONVIF camera; larger ones are refused."
              + " Default 262144.",
          262_144,
          4_096,
          4_194_304);

  public OnvifSettings {
    if (probeIntervalSeconds <= 0 || requestTimeoutMs <= 0 || maxResponseBytes <= 0) {
      throw new IllegalArgumentException("onvif settings must be positive");
    }
  }

  /** Every key of the section, for {@code hearth config}. */
  public static List<ConfigKey<?>> keys() {
    List<ConfigKey<?>> all =
        new java.util.ArrayList<>(
            List.of(PROBE_INTERVAL_SECONDS, REQUEST_TIMEOUT_MS, MAX_RESPONSE_BYTES));
    all.addAll(OnvifEventSettings.keys());
    return List.copyOf(all);
  }

  public static OnvifSettings defaults() {
    return new OnvifSettings(
        PROBE_INTERVAL_SECONDS.defaultValue(),
        REQUEST_TIMEOUT_MS.defaultValue(),
        MAX_RESPONSE_BYTES.defaultValue());
  }

  public static OnvifSettings from(HubConfig config) {
    return new OnvifSettings(
        config.get(PROBE_INTERVAL_SECONDS),
        config.get(REQUEST_TIMEOUT_MS),
        config.get(MAX_RESPONSE_BYTES));
  }
}
