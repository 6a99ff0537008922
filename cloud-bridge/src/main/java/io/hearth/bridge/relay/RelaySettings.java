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
 * @param idleTimeoutSeconds a connection that sends nothing (not even a ping) this long is closed
 * @param eventLoops how many event loops (threads) the node forwards on; one by default (see
 *     docs/relay.md: a viewer on another loop than its hub costs more CPU per stream)
 */
public record RelaySettings(
    String publicName,
    int windowBytes,
    int maxStreamsPerHub,
    int handshakeSeconds,
    int idleTimeoutSeconds,
    int eventLoops) {

  public RelaySettings {
    if (eventLoops < 1) {
      throw new IllegalArgumentException("a relay needs at least one event loop");
    }
  }

  public static RelaySettings defaults(String publicName) {
    return new RelaySettings(publicName, 256 * 1024, 64, 10, 120, 1);
  }

  /** The same settings on {@code loops} event loops. */
  public RelaySettings withEventLoops(int loops) {
    return new RelaySettings(
        publicName, windowBytes, maxStreamsPerHub, handshakeSeconds, idleTimeoutSeconds, loops);
  }

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  int maxFrameBytes() {
    return Frame.HEADER + Frame.MAX_PAYLOAD;
  }
}
