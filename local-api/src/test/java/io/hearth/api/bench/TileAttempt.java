package io.hearth.api.bench;

/**
 * One attempt of a {@link DisplayTile} to get a picture: when it began, when the hub answered the
 * session request (and with what), when the WebSocket opened, and when the first INIT and MEDIA
 * chunks that passed verification arrived. Times are {@link System#nanoTime()}, 0 for never.
 * Written on the tile's context, read by the benchmark afterwards.
 */
final class TileAttempt {
  final long started = System.nanoTime();
  volatile long sessionAnswered;
  volatile int sessionStatus;
  volatile long socketOpen;
  volatile long firstInit;
  volatile long firstMedia;
  volatile long closed;
  volatile String failure = "";

  /** The hub's answer to {@code POST .../sessions}: an HTTP status, or 0 when unreachable. */
  void answered(int status) {
    sessionAnswered = System.nanoTime();
    sessionStatus = status;
  }

  boolean streamed() {
    return firstMedia > 0;
  }
}
