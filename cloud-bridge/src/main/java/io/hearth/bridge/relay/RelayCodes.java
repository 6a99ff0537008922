package io.hearth.bridge.relay;

/**
 * WebSocket close codes the relay sends to viewers and hubs (documented in docs/relay.md). A viewer
 * that gets {@link #HUB_MOVED} or {@link #HUB_GONE} reconnects (with backoff) and finds the hub on
 * whichever node holds it now.
 */
final class RelayCodes {
  /** A bad frame. */
  static final int BAD_FRAME = 4400;

  /** The hub named is not connected to the cluster (or a path is unknown). */
  static final int UNKNOWN_HUB = 4404;

  /** The hub's connection moved to another node (it reconnected, or its node died): reconnect. */
  static final int HUB_MOVED = 4307;

  /** A newer connection of the same hub, or a stream's credit was exceeded. */
  static final int REPLACED = 4409;

  /** Too many viewers on this hub. */
  static final int TOO_MANY = 4429;

  /** The hub went away. */
  static final int HUB_GONE = 4503;

  private RelayCodes() {}
}
