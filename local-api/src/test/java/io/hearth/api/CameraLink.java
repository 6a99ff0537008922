package io.hearth.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The network between the hub and one camera, on loopback: a TCP relay the hub reaches the camera
 * through (RTSP with RTP interleaved, so every byte of the camera's video passes it), forwarding
 * bytes unchanged and in order, whose connections can all be cut at once with a reset, as a switch
 * losing power would.
 */
final class CameraLink implements AutoCloseable {
  private final ServerSocket server;
  private final int cameraPort;
  private final List<Socket[]> open = new CopyOnWriteArrayList<>();
  private final AtomicLong connections = new AtomicLong();
  private volatile boolean closed;

  CameraLink(int cameraPort) throws IOException {
    this.cameraPort = cameraPort;
    this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "camera-link-" + cameraPort);
    accept.setDaemon(true);
    accept.start();
  }

  /** The camera's URL through this link. */
  String url() {
    return "rtsp://127.0.0.1:" + server.getLocalPort() + "/cam";
  }

  /** Connections the hub made through the link so far. */
  long connections() {
    return connections.get();
  }

  /** Connections through the link now. */
  int open() {
    return open.size();
  }

  /** Resets every connection through the link; returns how many there were. */
  int cut() {
    int cut = 0;
    for (Socket[] pair : open) {
      open.remove(pair);
      cut++;
      for (Socket s : pair) {
        try {
          s.setSoLinger(true, 0);
          s.close();
        } catch (IOException e) {
          // already gone
        }
      }
    }
    return cut;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket hub = server.accept();
        Socket camera = new Socket(InetAddress.getLoopbackAddress(), cameraPort);
        connections.incrementAndGet();
        Socket[] pair = {hub, camera};
        open.add(pair);
        pump(pair, hub, camera);
        pump(pair, camera, hub);
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void pump(Socket[] pair, Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                  out.write(buffer, 0, n);
                }
              } catch (IOException e) {
                // cut, or the other side left
              } finally {
                open.remove(pair);
                close(from);
                close(to);
              }
            },
            "camera-link-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    cut();
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
