package io.hearth.api.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference: {@code ffmpeg -c copy} reading the same camera stream over RTSP/TCP and remuxing
 * it to fragmented MP4 with one fragment per frame, as the hub does. Its output goes either to a
 * pipe ({@link Output#PIPE}) or to a loopback TCP socket ({@link Output#TCP}) that this class
 * accepts, as the hub's viewers' WebSockets are; in both cases the benchmark reads it, counts the
 * bytes and discards them.
 */
final class FfmpegRemux implements AutoCloseable {
  /** Where ffmpeg writes its fragmented MP4. */
  enum Output {
    /** {@code pipe:1}, read by the benchmark from ffmpeg's standard output. */
    PIPE("pipe"),
    /** {@code tcp://127.0.0.1:PORT}, a socket the benchmark listens on, accepts and drains. */
    TCP("TCP");

    private final String label;

    Output(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  private final Process process;
  private final ServerSocket server;
  private final AtomicLong bytesOut = new AtomicLong();
  private volatile Socket accepted;

  private FfmpegRemux(Process process, ServerSocket server) {
    this.process = process;
    this.server = server;
  }

  static FfmpegRemux start(String rtspUrl, Output output, Path log) throws IOException {
    ServerSocket server =
        output == Output.TCP ? new ServerSocket(0, 1, InetAddress.getLoopbackAddress()) : null;
    List<String> command =
        new ArrayList<>(
            List.of(
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-rtsp_transport",
                "tcp",
                "-i",
                rtspUrl,
                "-c",
                "copy",
                "-f",
                "mp4",
                "-movflags",
                "frag_every_frame+empty_moov+default_base_moof"));
    command.add(
        server == null
            ? "pipe:1"
            : String.format(Locale.ROOT, "tcp://127.0.0.1:%d", server.getLocalPort()));
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectOutput(
                  server == null ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      if (server != null) {
        server.close();
      }
      throw e;
    }
    FfmpegRemux remux = new FfmpegRemux(process, server);
    Thread drain =
        new Thread(
            server == null ? remux::drainPipe : remux::acceptAndDrain,
            "bench-ffmpeg-drain-" + output.label());
    drain.setDaemon(true);
    drain.start();
    return remux;
  }

  private void drainPipe() {
    try (InputStream out = process.getInputStream()) {
      drain(out);
    } catch (IOException e) {
      // ffmpeg ended
    }
  }

  /** ffmpeg connects once it has read the stream's headers; one connection, read to its end. */
  private void acceptAndDrain() {
    try (Socket socket = server.accept();
        InputStream in = socket.getInputStream()) {
      accepted = socket;
      drain(in);
    } catch (IOException e) {
      // closed, or ffmpeg ended
    }
  }

  private void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      bytesOut.addAndGet(n);
    }
  }

  /** Bytes of fragmented MP4 ffmpeg wrote so far and the benchmark read: proof that it remuxes. */
  long bytesOut() {
    return bytesOut.get();
  }

  ProcessHandle process() {
    return process.toHandle();
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(accepted);
      closeQuietly(server);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
