package io.hearth.adapters.rtsp.restream;

import io.hearth.adapters.rtsp.codec.CodecException;
import io.hearth.adapters.rtsp.codec.RtspRequestHead;
import io.hearth.adapters.rtsp.codec.RtspRequestReader;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.net.ConnectionSettings;
import io.hearth.runtime.net.Listener;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reader's RTSP connection to the re-stream: OPTIONS, DESCRIBE (authenticated, see {@link
 * RestreamStart}), SETUP (RTP interleaved on this connection only; UDP gets 461 and ffmpeg falls
 * back to TCP), PLAY, TEARDOWN and keep-alives. Requests are read bounded ({@link
 * RtspRequestReader}) and answered one at a time on the connection's event loop; nothing blocks.
 * The connection closes when the reader's access ends (within the access watch's second), when it
 * breaks the protocol, fails to authenticate too often, or is too slow to start.
 */
final class RestreamConnection {
  static final int MAX_QUEUED = 8;
  static final int MAX_AUTH_FAILURES = 5;
  private static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER";
  private static final Logger LOG = LoggerFactory.getLogger(RestreamConnection.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RestreamContext ctx;
  private final NetSocket socket;
  private final Listener.Ticket ticket;
  private final String peer;
  private final RtspRequestReader reader = new RtspRequestReader();
  private final RestreamAuth auth;
  private final Deque<RtspRequestHead> queue = new ArrayDeque<>();
  private final String sessionId = HexFormat.of().formatHex(RANDOM.generateSeed(8));
  private RestreamStart.Started started;
  private int channel = -1;
  private int failures;
  private boolean playing;
  private boolean busy;
  private boolean closed;

  private RestreamConnection(RestreamContext ctx, NetSocket socket, Listener.Ticket ticket) {
    this.ctx = ctx;
    this.socket = socket;
    this.ticket = ticket;
    this.peer = socket.remoteAddress().hostAddress();
    this.auth = new RestreamAuth(ctx.tls());
  }

  /** Admits the connection within the listener's limits, or closes it at once. */
  static void accept(RestreamContext ctx, NetSocket socket) {
    Listener.Ticket ticket = ctx.listener().admit(socket.remoteAddress().hostAddress());
    if (ticket == null) {
      socket.close();
      return;
    }
    new RestreamConnection(ctx, socket, ticket).start();
  }

  private void start() {
    socket.handler(this::read);
    socket.closeHandler(v -> closed());
    socket.exceptionHandler(e -> LOG.debug("re-stream connection from {}: {}", peer, e.toString()));
    long startMs =
        ctx.hub().config(ConnectionSettings.REQUEST_HEAD_TIMEOUT_SECONDS) * 1000L
            + ctx.startTimeoutMs();
    ctx.hub().vertx().setTimer(startMs, id -> tooSlow());
  }

  private void read(Buffer data) {
    try {
      queue.addAll(reader.feed(data.getBytes(), 0, data.length()));
      if (queue.size() > MAX_QUEUED) {
        throw new CodecException("more than " + MAX_QUEUED + " requests without awaiting answers");
      }
    } catch (CodecException e) {
      LOG.info("re-stream: closed a connection from {}: {}", peer, e.getMessage());
      int status = e.getMessage().contains("exceeds") ? 413 : 400;
      socket.write(RtspReplies.of(status, 0, List.of(), "text/plain", e.getMessage() + "\r\n"));
      socket.end();
      queue.clear();
      return;
    }
    drain();
  }

  private void drain() {
    while (!busy && !closed && !queue.isEmpty()) {
      busy = true;
      handle(queue.poll())
          .onComplete(
              done -> {
                busy = false;
                drain();
              });
    }
  }

  private Future<Void> handle(RtspRequestHead request) {
    return switch (request.method()) {
      case "OPTIONS" -> reply(request, 200, List.of("Public", PUBLIC));
      case "DESCRIBE" -> describe(request);
      case "SETUP" -> setup(request);
      case "PLAY" -> play(request);
      case "TEARDOWN" -> reply(request, 200, session()).onComplete(v -> socket.end());
      case "GET_PARAMETER", "SET_PARAMETER" -> reply(request, 200, session());
      default -> reply(request, 501, List.of("Public", PUBLIC));
    };
  }

  private Future<Void> describe(RtspRequestHead request) {
    if (started != null) {
      return refuse(request, new HubException(455, "state", "this connection already reads"));
    }
    String cameraId = cameraOf(request.uri());
    if (cameraId == null) {
      return refuse(
          request,
          HubException.notFound("no re-stream at this path; use rtsp://<hub>:<port>/<camera id>"));
    }
    return RestreamStart.start(ctx, auth, socket, request, cameraId, this::withdrawn)
        .compose(s -> described(request, s))
        .recover(e -> refuse(request, e));
  }

  private Future<Void> described(RtspRequestHead request, RestreamStart.Started s) {
    if (closed) {
      return s.watching().close();
    }
    started = s;
    String base = request.uri().endsWith("/") ? request.uri() : request.uri() + "/";
    LOG.info(
        "re-stream of camera {} opened for {} ({})",
        s.session().cameraId(),
        peer,
        s.session().id());
    return write(
        RtspReplies.of(
            200,
            request.cseq(),
            List.of("Content-Base", base),
            "application/sdp",
            RestreamSdp.of(s.keyframe())));
  }

  private Future<Void> setup(RtspRequestHead request) {
    if (started == null) {
      return refuse(request, new HubException(455, "state", "DESCRIBE the camera first"));
    }
    int asked = interleavedChannel(request.header("Transport").orElse(""));
    if (asked < 0) {
      return refuse(
          request,
          new HubException(
              461, "transport", "only RTP interleaved over TCP is served (-rtsp_transport tcp)"));
    }
    channel = asked;
    String transport =
        "RTP/AVP/TCP;unicast;interleaved="
            + asked
            + "-"
            + (asked + 1)
            + ";ssrc="
            + String.format("%08X", started.viewer().ssrc());
    List<String> headers = new ArrayList<>(List.of("Transport", transport));
    headers.addAll(session());
    return reply(request, 200, headers);
  }

  private Future<Void> play(RtspRequestHead request) {
    if (channel < 0) {
      return refuse(request, new HubException(455, "state", "SETUP the track first"));
    }
    List<String> headers = new ArrayList<>(List.of("Range", "npt=0.000-"));
    headers.addAll(session());
    return reply(request, 200, headers)
        .onSuccess(
            v -> {
              playing = true;
              started.viewer().play(channel);
            });
  }

  private Future<Void> refuse(RtspRequestHead request, Throwable cause) {
    int status = RtspReplies.statusOf(cause);
    boolean tried = request.header("Authorization").isPresent();
    if (status == 401 && tried) {
      failures++;
    }
    if (status != 401 || tried) {
      LOG.info("re-stream: refused {} from {}: {} {}", request, peer, status, cause.getMessage());
    }
    List<String> headers = new ArrayList<>();
    if (status == 401) {
      auth.challenges().forEach(c -> headers.addAll(List.of("WWW-Authenticate", c)));
    }
    Future<Void> written = write(RtspReplies.refusal(request.cseq(), cause, headers));
    if (failures >= MAX_AUTH_FAILURES) {
      socket.end();
    }
    return written;
  }

  private Future<Void> reply(RtspRequestHead request, int status, List<String> headers) {
    return write(RtspReplies.of(status, request.cseq(), headers, null, null));
  }

  private Future<Void> write(Buffer answer) {
    return closed ? Future.succeededFuture() : socket.write(answer).otherwiseEmpty();
  }

  private List<String> session() {
    return started == null ? List.of() : List.of("Session", sessionId + ";timeout=60");
  }

  /** Access ended while reading: the connection closes, which ends the reader's RTSP session. */
  private void withdrawn(String reason) {
    LOG.info("re-stream to {} ended: {}", peer, reason);
    socket.close();
  }

  private void tooSlow() {
    if (!closed && !playing) {
      ctx.listener().timedOut(peer, "no PLAY within the start time");
      socket.close();
    }
  }

  private void closed() {
    closed = true;
    queue.clear();
    ticket.release();
    if (started != null) {
      started.watching().close();
    }
  }

  /** The camera id of {@code rtsp[s]://host[:port]/<camera id>[/]}, or null. */
  static String cameraOf(String uri) {
    try {
      URI parsed = new URI(uri);
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
      String id = path.startsWith("/") ? path.substring(1) : path;
      id = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
      return scheme.startsWith("rtsp") && Ids.isWellFormed(id, "cam") ? id : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /** The RTP channel of an interleaved TCP transport (0 if none named), or -1 for any other. */
  static int interleavedChannel(String transport) {
    if (!transport.toUpperCase(Locale.ROOT).contains("RTP/AVP/TCP")) {
      return -1;
    }
    int at = transport.indexOf("interleaved=");
    if (at < 0) {
      return 0;
    }
    String digits = transport.substring(at + 12).replaceAll("^([0-9]{1,3}).*$", "$1");
    int channel = digits.matches("[0-9]{1,3}") ? Integer.parseInt(digits) : -1;
    return channel >= 0 && channel <= 254 && channel % 2 == 0 ? channel : -1;
  }
}
