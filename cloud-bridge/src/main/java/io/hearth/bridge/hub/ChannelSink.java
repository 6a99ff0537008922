package io.hearth.bridge.hub;

import io.hearth.bridge.channel.Channel;
import io.hearth.runtime.session.Chunk;
import io.hearth.runtime.session.ChunkSink;
import io.hearth.runtime.session.SessionEnd;

/**
 * The relay transport of a stream session: each sealed chunk (exactly the bytes the LAN WebSocket
 * sends) goes inside the channel, split into messages of at most {@link Channel#MAX_PLAINTEXT}
 * bytes. It is ready only while what waits for the relay's credit is under {@link #MAX_QUEUED}, so
 * when the credit is exhausted the session skips to the next keyframe instead of queueing.
 */
final class ChannelSink implements ChunkSink {
  static final int MAX_QUEUED = 512 * 1024;
  private static final int PART = Channel.MAX_PLAINTEXT - 1;

  private final RemoteViewer viewer;
  private final RemoteRequests requests;

  ChannelSink(RemoteViewer viewer, RemoteRequests requests) {
    this.viewer = viewer;
    this.requests = requests;
  }

  @Override
  public boolean ready() {
    return !viewer.isEnded() && viewer.queued() < MAX_QUEUED;
  }

  @Override
  public void write(Chunk chunk) {
    byte[] bytes = chunk.bytes();
    for (int at = 0; at < bytes.length || at == 0; at += PART) {
      int end = Math.min(bytes.length, at + PART);
      byte[] message = new byte[1 + end - at];
      message[0] = end == bytes.length ? RemoteRequests.CHUNK_END : RemoteRequests.CHUNK_PART;
      System.arraycopy(bytes, at, message, 1, end - at);
      viewer.send(message);
      if (end == bytes.length) {
        return;
      }
    }
  }

  @Override
  public void close(SessionEnd end, String reason) {
    requests.sessionEnded(end.brief());
  }
}
