package io.hearth.adapters.rtsp;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import java.util.List;
import java.util.Locale;

/**
 * The {@code rtsp} section of the configuration, typed: how RTP travels and how long each wait may
 * last. Every wait of an RTSP source is bounded by one of these, so a silent camera always ends in
 * OFFLINE rather than a hang.
 *
 * @param transport how RTP travels from the camera
 * @param connectTimeoutMs bound on the TCP (and TLS) connect
 * @param responseTimeoutMs bound on each RTSP response, from request sent to last body byte
 * @param mediaTimeoutMs no RTP for this long after PLAY ends the source with TIMEOUT
 * @param rtcpIntervalMs how often receiver reports go back to the camera
 */
public record RtspSettings(
    Transport transport,
    int connectTimeoutMs,
    int responseTimeoutMs,
    int mediaTimeoutMs,
    int rtcpIntervalMs) {

  /** How RTP travels from the camera. */
  public enum Transport {
    /** Interleaved on the RTSP TCP connection: one port, survives NAT and firewalls. */
    TCP,
    /**
     * A UDP port pair: lower latency, but loss and reordering are possible, and datagrams can be
     * forged; reception is pinned to the camera's address, server ports and SSRC.
     */
    UDP,
    /** TCP first; UDP only when the camera answers SETUP with 461 Unsupported Transport. */
    AUTO
  }

  public static final ConfigKey<String> TRANSPORT =
      ConfigKey.string(
          "rtsp.transport",
          "How RTP travels from cameras: tcp (interleaved on the RTSP connection), udp (a port"
              + " pair), or auto (tcp, falling back to udp only if the camera refuses tcp). Default tcp.",
          "tcp");
  public static final ConfigKey<Integer> CONNECT_TIMEOUT_MS =
      ConfigKey.integer(
          "rtsp.connect-timeout-ms",
          "Milliseconds to wait for a camera's TCP/TLS connection. Default 5000.",
          5000,
          100,
          120_000);
  public static final ConfigKey<Integer> RESPONSE_TIMEOUT_MS =
      ConfigKey.integer(
          "rtsp.response-timeout-ms",
          "Milliseconds to wait for each complete RTSP response. Default 10000.",
          10_000,
          100,
          120_000);
  public static final ConfigKey<Integer> MEDIA_TIMEOUT_MS =
      ConfigKey.integer(
          "rtsp.media-timeout-ms",
          "Milliseconds without RTP after which a camera is reported offline (timeout)."
              + " Default 10000.",
          10_000,
          500,
          600_000);
  public static final ConfigKey<Integer> RTCP_INTERVAL_MS =
      ConfigKey.integer(
          "rtsp.rtcp-interval-ms",
          "Milliseconds between RTCP receiver reports sent to a camera. Default 5000.",
          5000,
          500,
          60_000);

  /** Checks the bounds the configuration keys also enforce. */
  public RtspSettings {
    if (transport == null) {
      throw new IllegalArgumentException("transport must be tcp, udp or auto");
    }
    positive(connectTimeoutMs, "connect timeout");
    positive(responseTimeoutMs, "response timeout");
    positive(mediaTimeoutMs, "media timeout");
    positive(rtcpIntervalMs, "RTCP interval");
  }

  /**
   * How long only foreign-SSRC RTP may come from a camera's pinned UDP source before the session is
   * given up and set up afresh (a camera that restarted its stream): half the media timeout, at
   * most two seconds, so it acts before the media timeout would.
   */
  public long ssrcChangeMs() {
    return Math.min(2000, mediaTimeoutMs / 2);
  }

  /** Every key of the section, for {@code hearth config}. */
  public static List<ConfigKey<?>> keys() {
    return List.of(
        TRANSPORT, CONNECT_TIMEOUT_MS, RESPONSE_TIMEOUT_MS, MEDIA_TIMEOUT_MS, RTCP_INTERVAL_MS);
  }

  /** The defaults of every key. */
  public static RtspSettings defaults() {
    return new RtspSettings(
        parseTransport(TRANSPORT.defaultValue()),
        CONNECT_TIMEOUT_MS.defaultValue(),
        RESPONSE_TIMEOUT_MS.defaultValue(),
        MEDIA_TIMEOUT_MS.defaultValue(),
        RTCP_INTERVAL_MS.defaultValue());
  }

  /** The effective values of the section. */
  public static RtspSettings from(HubConfig config) {
    return new RtspSettings(
        parseTransport(config.get(TRANSPORT)),
        config.get(CONNECT_TIMEOUT_MS),
        config.get(RESPONSE_TIMEOUT_MS),
        config.get(MEDIA_TIMEOUT_MS),
        config.get(RTCP_INTERVAL_MS));
  }

  /** These settings with another transport. */
  public RtspSettings withTransport(Transport value) {
    return new RtspSettings(
        value, connectTimeoutMs, responseTimeoutMs, mediaTimeoutMs, rtcpIntervalMs);
  }

  /** These settings with other timeouts, for tests and slow networks. */
  public RtspSettings withTimeouts(int connectMs, int responseMs, int mediaMs) {
    return new RtspSettings(transport, connectMs, responseMs, mediaMs, rtcpIntervalMs);
  }

  /** Parses {@code tcp}, {@code udp} or {@code auto}, case-insensitively. */
  public static Transport parseTransport(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "tcp" -> Transport.TCP;
      case "udp" -> Transport.UDP;
      case "auto" -> Transport.AUTO;
      default ->
          throw new IllegalArgumentException(
              "rtsp.transport: expected tcp, udp or auto, got '" + text + "'");
    };
  }

  private static void positive(int value, String what) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
  }
}
