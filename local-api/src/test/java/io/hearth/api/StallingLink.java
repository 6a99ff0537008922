package io.hearth.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A poor network between viewers and the hub, on loopback: a TCP relay whose hub-to-viewer
 * direction is throttled, stalls for seconds at random (it stops reading, so the hub's writes back
 * up as they would behind a lossy Wi-Fi link), and now and then cuts a connection mid-transfer with
 * a reset. Every byte it forwards is forwarded unchanged and in order: what a viewer receives is
 * what the hub sent, late or cut short, never altered.
 */
final class StallingLink implements AutoCloseable {
  /** How bad the link is. */
  record Conditions(
      int bytesPerSecond, double stallChancePerRead, int maxStallMillis, double cutChancePerRead) {}

  private final ServerSocket server;
  private final InetAddress from;
  private final int hubPort;
  private final Conditions conditions;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicLong stalls = new AtomicLong();
  private final AtomicLong cuts = new AtomicLong();
  private final AtomicLong forwarded = new AtomicLong();
  private volatile boolean closed;

  /**
   * A link whose connections reach the hub from {@code from} (a loopback address such as
   * 127.0.0.12): as in a home, each display behind it is its own host to the hub.
   */
  StallingLink(int hubPort, InetAddress from, Conditions conditions) throws IOException {
    this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    this.from = from;
    this.hubPort = hubPort;
    this.conditions = conditions;
    Thread accepting = new Thread(this::accept, "stalling-link-accept");
    accepting.setDaemon(true);
    accepting.start();
  }

  int port() {
    return server.getLocalPort();
  }

  long stalls() {
    return stalls.get();
  }

  long cuts() {
    return cuts.get();
  }

  long forwardedBytes() {
    return forwarded.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket viewer = server.accept();
        Socket hub = new Socket(InetAddress.getLoopbackAddress(), hubPort, from, 0);
        open.add(viewer);
        open.add(hub);
        pump(viewer, hub, false);
        pump(hub, viewer, true);
      } catch (IOException e) {
        if (!closed) {
          System.err.println("stalling link: " + e.getMessage());
        }
      }
    }
  }

  private void pump(Socket from, Socket to, boolean poor) {
    Thread thread =
        new Thread(
            () -> {
              Random random = new Random();
              byte[] buffer = new byte[poor ? 512 : 8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                  if (poor && misbehave(random, from, to, n)) {
                    return;
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                  forwarded.addAndGet(n);
                }
              } catch (IOException | InterruptedException e) {
                // the other side closed or was cut: end both directions
              } finally {
                quietly(from);
                quietly(to);
              }
            },
            "stalling-link-pump");
    thread.setDaemon(true);
    thread.start();
  }

  /** Throttles, stalls or cuts before {@code n} bytes go on; true when it cut the connection. */
  private boolean misbehave(Random random, Socket from, Socket to, int n)
      throws InterruptedException, IOException {
    if (random.nextDouble() < conditions.cutChancePerRead()) {
      cuts.incrementAndGet();
      reset(from);
      reset(to);
      return true;
    }
    if (random.nextDouble() < conditions.stallChancePerRead()) {
      stalls.incrementAndGet();
      Thread.sleep(200 + random.nextInt(Math.max(1, conditions.maxStallMillis() - 200)));
    }
    Thread.sleep(Math.max(0, 1000L * n / conditions.bytesPerSecond()));
    return false;
  }

  private static void reset(Socket socket) throws IOException {
    if (!socket.isClosed()) {
      socket.setSoLinger(true, 0);
      socket.close();
    }
  }

  private static void quietly(java.io.Closeable socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    quietly(server);
    open.forEach(StallingLink::quietly);
  }
}
