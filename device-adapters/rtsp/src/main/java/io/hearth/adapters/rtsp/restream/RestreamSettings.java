package io.hearth.adapters.rtsp.restream;

import io.hearth.runtime.config.ConfigKey;
import java.util.List;

/**
 * The {@code restream} section: where the RTSP re-stream listens (plain RTSP, and RTSPS with the
 * hub's certificate) and how long a new reader waits for the camera's first keyframe. Cameras are
 * re-streamed only when the owner turns it on for each ({@code PUT /api/v1/cameras/{id}/restream}).
 */
public final class RestreamSettings {
  public static final ConfigKey<Integer> PORT =
      ConfigKey.port(
          "restream.port",
          "RTSP port of the re-stream for local tools (Frigate, go2rtc, Home Assistant); 0 picks a"
              + " free port. Passwords cross it only as a Digest.",
          8554);
  public static final ConfigKey<String> HOST =
      ConfigKey.string(
          "restream.host",
          "Address the re-stream listens on (plain RTSP and RTSPS); 0.0.0.0 means every interface.",
          "0.0.0.0");
  public static final ConfigKey<Boolean> TLS_ENABLED =
      ConfigKey.bool(
          "restream.tls-enabled",
          "Also serve RTSPS (RTSP over TLS with the hub's certificate) on restream.tls-port.",
          true);
  public static final ConfigKey<Integer> TLS_PORT =
      ConfigKey.port(
          "restream.tls-port", "RTSPS port of the re-stream; 0 picks a free port.", 8322);
  public static final ConfigKey<Integer> START_TIMEOUT_SECONDS =
      ConfigKey.integer(
          "restream.start-timeout-seconds",
          "Seconds a reader's DESCRIBE waits for the camera's first keyframe before a 503.",
          10,
          1,
          120);

  private RestreamSettings() {}

  public static List<ConfigKey<?>> keys() {
    return List.of(PORT, HOST, TLS_ENABLED, TLS_PORT, START_TIMEOUT_SECONDS);
  }
}
