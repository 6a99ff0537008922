package io.hearth.adapters.rtsp;

import io.hearth.adapters.rtsp.codec.CodecException;
import io.hearth.adapters.rtsp.codec.RtspHeaders.Field;
import io.hearth.adapters.rtsp.codec.RtspResponse;
import io.hearth.adapters.rtsp.codec.Sdp;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The RTSP request sequence of one camera session on one connection: OPTIONS, DESCRIBE, SETUP,
 * PLAY, keep-alive and TEARDOWN, each answered 401 at most once with credentials, and carrying the
 * Session id once SETUP gave one. Failures are {@link RtspFailure}s naming the step.
 */
final class RtspSession {
  static final String USER_AGENT = "Hearth";

  private final Vertx vertx;
  private final RtspConnection connection;
  private final RtspAuth auth;
  private final String url;
  private boolean getParameter;
  private String sessionId;
  private int timeoutSeconds = SetupAnswer.DEFAULT_TIMEOUT_SECONDS;
  private long keepAliveTimer = -1;

  RtspSession(Vertx vertx, RtspConnection connection, RtspAuth auth, String url) {
    this.vertx = vertx;
    this.connection = connection;
    this.auth = auth;
    this.url = url;
  }

  /** OPTIONS, then DESCRIBE; the SDP with control URLs resolved against its base. */
  Future<Sdp> describe() {
    return request("OPTIONS", url, List.of())
        .compose(
            options -> {
              getParameter = supportsGetParameter(options);
              return request("DESCRIBE", url, List.of(new Field("Accept", "application/sdp")));
            })
        .map(this::parseSdp);
  }

  /** SETUP of one stream; the raw answer, so a caller can fall back on 461. */
  Future<RtspResponse> setup(URI control, String transport) {
    return request("SETUP", control.toString(), List.of(new Field("Transport", transport)));
  }

  /** Records what a successful SETUP settled. */
  SetupAnswer accept(RtspResponse setup) {
    expectSuccess(setup, "SETUP");
    SetupAnswer answer = SetupAnswer.parse(setup);
    sessionId = answer.sessionId();
    timeoutSeconds = answer.timeoutSeconds();
    return answer;
  }

  /** PLAY from now on the aggregate URL. */
  Future<Void> play(URI aggregate) {
    return request("PLAY", aggregate.toString(), List.of(new Field("Range", "npt=0.000-")))
        .map(
            response -> {
              expectSuccess(response, "PLAY");
              return null;
            });
  }

  /** Keeps the session alive at half its timeout, with GET_PARAMETER if offered, else OPTIONS. */
  void startKeepAlive() {
    long interval = Math.max(1000L, timeoutSeconds * 1000L / 2);
    keepAliveTimer =
        vertx.setPeriodic(
            interval, id -> request(getParameter ? "GET_PARAMETER" : "OPTIONS", url, List.of()));
  }

  /** Ends the session; answers of any kind (or none: the connection bounds the wait) are fine. */
  Future<Void> teardown(URI aggregate) {
    stopKeepAlive();
    if (sessionId == null) {
      return Future.succeededFuture();
    }
    return request("TEARDOWN", aggregate.toString(), List.of()).<Void>mapEmpty().otherwiseEmpty();
  }

  void stopKeepAlive() {
    if (keepAliveTimer >= 0) {
      vertx.cancelTimer(keepAliveTimer);
      keepAliveTimer = -1;
    }
  }

  private Future<RtspResponse> request(String method, String uri, List<Field> extra) {
    return send(method, uri, extra)
        .compose(
            response -> {
              if (response.statusCode() != 401) {
                return Future.succeededFuture(response);
              }
              auth.challenge(response);
              return send(method, uri, extra).map(retry -> refused(retry, method));
            });
  }

  private static RtspResponse refused(RtspResponse retry, String method) {
    if (retry.statusCode() == 401) {
      throw new RtspFailure(
          Reason.AUTH_FAILED, "camera refused the configured credentials (401 to " + method + ")");
    }
    return retry;
  }

  private Future<RtspResponse> send(String method, String uri, List<Field> extra) {
    List<Field> headers = new ArrayList<>(extra);
    headers.add(new Field("User-Agent", USER_AGENT));
    auth.header(method, uri).ifPresent(value -> headers.add(new Field("Authorization", value)));
    if (sessionId != null) {
      headers.add(new Field("Session", sessionId));
    }
    return connection.send(method, uri, headers);
  }

  private Sdp parseSdp(RtspResponse describe) {
    expectSuccess(describe, "DESCRIBE");
    try {
      return Sdp.parse(describe.bodyText(), Sdp.baseUrl(describe.headers(), url));
    } catch (CodecException e) {
      throw new RtspFailure(Reason.PROTOCOL_ERROR, e.getMessage(), e);
    }
  }

  private static boolean supportsGetParameter(RtspResponse options) {
    String methods = options.headers().get("Public").orElse("").toUpperCase(Locale.ROOT);
    return options.isSuccess() && methods.contains("GET_PARAMETER");
  }

  static void expectSuccess(RtspResponse response, String step) {
    if (response.isSuccess()) {
      return;
    }
    int code = response.statusCode();
    Reason reason = code == 403 ? Reason.AUTH_FAILED : Reason.PROTOCOL_ERROR;
    throw new RtspFailure(
        reason, "camera answered " + step + " with " + code + " " + shorten(response.reason()));
  }

  private static String shorten(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
