package io.hearth.runtime.session;

/**
 * Why a stream session ended, with the WebSocket close code each transport maps it to (the table in
 * docs/wire-format.md). One list, so a display can tell the cases apart without parsing text.
 */
public enum SessionEnd {
  /** The viewer's grant, token, role or pairing no longer allows it, or the camera was removed. */
  ACCESS_WITHDRAWN(4403, "access withdrawn"),
  /** The principal already has too many open streams. */
  TOO_MANY_SESSIONS(4429, "too many open streams; close some views and try again"),
  /** The camera cannot be reached (no adapter, offline at the start, switchboard closed). */
  CAMERA_UNAVAILABLE(4503, "camera unavailable"),
  /** A playback's viewer took nothing for {@link Playback#STALL_MS}: its memory goes back. */
  STALLED(4408, "the viewer read nothing for too long"),
  /** The hub is stopping. */
  HUB_STOPPING(4503, "the hub is stopping"),
  /** A recording played to its end, or the viewer left. */
  FINISHED(1000, "finished");

  private final int closeCode;
  private final String brief;

  SessionEnd(int closeCode, String brief) {
    this.closeCode = closeCode;
    this.brief = brief;
  }

  /** A close reason short enough for a WebSocket close frame (the full one is sealed before). */
  public String brief() {
    return brief;
  }

  /** The WebSocket close code (4000-4999 are the application's). */
  public short closeCode() {
    return (short) closeCode;
  }
}
