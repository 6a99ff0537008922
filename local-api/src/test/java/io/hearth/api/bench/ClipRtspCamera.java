package io.hearth.api.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An RTSP camera on a loopback port that streams a pre-encoded clip at 30 fps over TCP interleaved
 * RTP and logs when each frame left. Any path is a stream ({@code rtsp://127.0.0.1:port/<path>});
 * each connection streams from the clip's first keyframe. Plain threads and blocking sockets, so
 * that the send time is taken right at the write, with no event loop queue in between.
 */
final class ClipRtspCamera implements AutoCloseable {
  private final H264Clip clip;
  private final ServerSocket server;
  private final Map<String, SendLog> logs = new ConcurrentHashMap<>();
  private final List<CameraConnection> connections = new CopyOnWriteArrayList<>();

  private ClipRtspCamera(H264Clip clip, ServerSocket server) {
    this.clip = clip;
    this.server = server;
  }

  static ClipRtspCamera start(H264Clip clip) throws IOException {
    ClipRtspCamera camera =
        new ClipRtspCamera(clip, new ServerSocket(0, 64, InetAddress.getLoopbackAddress()));
    Thread acceptor = new Thread(camera::accept, "bench-camera-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return camera;
  }

  String url(String path) {
    return "rtsp://127.0.0.1:" + server.getLocalPort() + "/" + path;
  }

  SendLog log(String path) {
    return logs.computeIfAbsent(path, p -> new SendLog());
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        CameraConnection connection = new CameraConnection(socket, clip, this::log);
        connections.add(connection);
        Thread reader = new Thread(connection::serve, "bench-camera-rtsp");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    connections.forEach(CameraConnection::close);
  }
}
