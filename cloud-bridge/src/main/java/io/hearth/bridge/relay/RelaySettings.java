package io.hearth.bridge.relay;

import io.hearth.bridge.wire.Frame;

/**
 * A relay's bounds and name.
 *
 * @param publicName the name hubs reach this relay by; hubs sign it, so a proof made for one relay
 *     is refused by another
 * @param windowBytes how much the relay holds for one viewer at most (the credit a hub gets)
 * @param maxStreamsPerHub viewers joined to one hub at once
 * @param handshakeSeconds how long a hub has to prove its key
 */
public record RelaySettings(
    String publicName,
    int windowBytes,
    int maxStreamsPerHub,
    int handshakeSeconds,
    int idleTimeoutSeconds) {

  public static RelaySettings defaults(String publicName) {
    return new RelaySettings(publicName, 256 * 1024, 64, 10, 120);
  }

  int maxFrameBytes() {
    return Frame.HEADER + Frame.MAX_PAYLOAD;
  }
}
