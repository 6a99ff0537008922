package io.hearth.adapters.rtsp;

import io.hearth.adapters.rtsp.codec.CodecException;
import io.hearth.adapters.rtsp.codec.InterleavedFrame;
import io.hearth.adapters.rtsp.codec.RtspResponse;
import io.hearth.adapters.rtsp.codec.Sdp;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.media.MediaFrame;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network side of one {@link RtspSource}: the NetClient, the RTSP connection and session, the
 * chosen video track, its RTP transport and media pipeline, wired together and set up in order
 * (connect, DESCRIBE, SETUP with TCP, UDP or TCP-then-UDP, PLAY). Failures at any stage arrive at
 * one consumer; {@link #release()} frees everything and is idempotent.
 */
final class RtspLink implements RtspConnection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(RtspLink.class);

  private final Vertx vertx;
  private final Camera camera;
  private final URI url;
  private final RtspSettings settings;
  private final Consumer<MediaFrame> frames;
  private final Consumer<RtspFailure> failed;
  private NetClient client;
  private RtspConnection connection;
  private RtspSession session;
  private VideoTrack track;
  private MediaPipeline pipeline;
  private RtpTransport transport;
  private InterleavedTransport interleaved;
  private boolean released;

  RtspLink(
      Vertx vertx,
      Camera camera,
      URI url,
      RtspSettings settings,
      Consumer<MediaFrame> frames,
      Consumer<RtspFailure> failed) {
    this.vertx = vertx;
    this.camera = camera;
    this.url = url;
    this.settings = settings;
    this.frames = frames;
    this.failed = failed;
  }

  /** Connects and negotiates; succeeds once PLAY was accepted. */
  Future<Void> connect(NetClientOptions options) {
    client = vertx.createNetClient(options);
    String host = url.getHost().replace("[", "").replace("]", "");
    int port = VideoTrack.port(url);
    return client
        .connect(port, host)
        .recover(e -> Future.failedFuture(unreachable(host + ":" + port, e)))
        .compose(this::negotiate);
  }

  private Future<Void> negotiate(NetSocket socket) {
    connection = new RtspConnection(vertx, socket, settings.responseTimeoutMs(), this);
    if (released) {
      connection.close();
      return Future.failedFuture(new RtspFailure(Reason.CLOSED_BY_CAMERA, "closed"));
    }
    session = new RtspSession(vertx, connection, RtspAuth.of(camera), url.toString());
    return session.describe().compose(this::setup).compose(v -> session.play(track.aggregate()));
  }

  private Future<Void> setup(Sdp sdp) {
    track = VideoTrack.pick(sdp, url);
    FrameBuilder builder;
    try {
      builder = FrameBuilder.of(camera.id(), track);
    } catch (CodecException e) {
      throw new RtspFailure(Reason.PROTOCOL_ERROR, e.getMessage(), e);
    }
    pipeline = new MediaPipeline(builder, track.clockRate(), false, frames, failed);
    return switch (settings.transport()) {
      case TCP -> setupTcp(false);
      case UDP -> setupUdp();
      case AUTO -> setupTcp(true);
    };
  }

  /** TCP interleaved; on 461 Unsupported Transport, UDP if {@code udpIfRefused}. */
  private Future<Void> setupTcp(boolean udpIfRefused) {
    InterleavedTransport proposed = new InterleavedTransport(connection, pipeline);
    return session
        .setup(track.control(), proposed.requestHeader())
        .compose(
            answer -> {
              if (answer.statusCode() == 461 && udpIfRefused) {
                LOG.info("camera {} refused TCP interleaved RTP (461); using UDP", camera);
                return setupUdp();
              }
              pipeline.reorder(false);
              adopt(proposed, answer);
              interleaved = proposed;
              return Future.succeededFuture();
            });
  }

  private Future<Void> setupUdp() {
    pipeline.reorder(true);
    String cameraIp = connection.remoteAddress().hostAddress();
    UdpTransport.Settings options =
        new UdpTransport.Settings(camera.toString(), settings.ssrcChangeMs());
    return UdpTransport.open(vertx, cameraIp, options, pipeline)
        .compose(
            udp -> {
              transport = udp;
              if (released) {
                udp.close();
                return Future.failedFuture(new RtspFailure(Reason.CLOSED_BY_CAMERA, "closed"));
              }
              return session
                  .setup(track.control(), udp.requestHeader())
                  .map(
                      answer -> {
                        adopt(udp, answer);
                        return null;
                      });
            });
  }

  private void adopt(RtpTransport proposed, RtspResponse answer) {
    transport = proposed;
    proposed.configure(session.accept(answer));
  }

  @Override
  public void frame(InterleavedFrame frame) {
    if (interleaved != null && !released) {
      interleaved.onFrame(frame);
    }
  }

  @Override
  public void failed(RtspFailure failure) {
    failed.accept(failure);
  }

  void startKeepAlive() {
    session.startKeepAlive();
  }

  void stopKeepAlive() {
    if (session != null) {
      session.stopKeepAlive();
    }
  }

  void sendReport() {
    if (pipeline != null && transport != null && !released) {
      pipeline.receiverReport().ifPresent(transport::sendRtcp);
    }
  }

  long lastPacketNanos() {
    return pipeline == null ? System.nanoTime() : pipeline.lastPacketNanos();
  }

  /** What UDP reception pinned and dropped, or empty over TCP; on the source's context. */
  Optional<UdpView> udpView() {
    if (transport instanceof UdpTransport udp) {
      ReceptionStats stats = pipeline.stats();
      return Optional.of(new UdpView(udp.pinned(), stats.drops(), stats.highestSequence()));
    }
    return Optional.empty();
  }

  /** UDP reception as it stands: what is pinned, what was dropped by cause, the highest seq. */
  record UdpView(
      UdpTransport.Pinned pinned, Map<SourcePin.Verdict, Long> dropped, int highestSequence) {}

  String transportName() {
    return transport instanceof UdpTransport ? "UDP" : "TCP";
  }

  /** TEARDOWN if a session was set up; bounded by the response timeout. */
  Future<Void> teardown() {
    if (session == null || track == null || released) {
      return Future.succeededFuture();
    }
    return session.teardown(track.aggregate());
  }

  /** Stops delivery and frees sockets and timers; idempotent. */
  void release() {
    if (released) {
      return;
    }
    released = true;
    stopKeepAlive();
    if (pipeline != null) {
      pipeline.stop();
    }
    if (transport != null) {
      transport.close();
    }
    if (connection != null) {
      connection.close();
    }
    if (client != null) {
      client.close();
    }
  }

  private static RtspFailure unreachable(String where, Throwable cause) {
    return new RtspFailure(
        Reason.UNREACHABLE, "cannot connect to " + where + ": " + cause.getMessage(), cause);
  }
}
