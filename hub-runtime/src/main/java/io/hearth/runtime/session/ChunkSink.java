package io.hearth.runtime.session;

/**
 * A transport for one stream session's chunks: the WebSocket on the LAN, the MJPEG response, and
 * later the relay and the recorder. It only writes what it is given; what a chunk holds is decided
 * by the {@link SessionEncoder}. Attach one with {@link StreamSessions#watch}.
 */
public interface ChunkSink {
  /** Whether the transport can take a chunk now (false while its write queue is full). */
  boolean ready();

  /** One chunk, ready to go as it is. */
  void write(Chunk chunk);

  /** The session is over: close the transport. Called once, after the last chunk. */
  void close(SessionEnd end, String reason);
}
