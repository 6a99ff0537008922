package io.hearth.adapters.onvif;

import io.hearth.adapters.onvif.OnvifCallException.Reason;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.net.egress.Egress;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * ONVIF SOAP over HTTP: one POST per call, bounded in time (connection and whole answer) and in
 * size; the answer is parsed by {@link SafeXml} on a worker thread. Fails with {@link
 * OnvifCallException}, never with a raw library error.
 */
final class OnvifClient {
  private final Vertx vertx;
  private final OnvifSettings settings;
  private final HttpClientAgent http;
  private final Egress egress;

  /** A client for tests that talk to services on loopback only. */
  OnvifClient(Vertx vertx, OnvifSettings settings) {
    this(vertx, settings, null);
  }

  /**
   * A client that asks the egress ledger before each call: an announcement can name any address as
   * a device's service, and the hub follows it only inside the home network.
   */
  OnvifClient(Vertx vertx, OnvifSettings settings, Egress egress) {
    this.vertx = vertx;
    this.settings = settings;
    this.egress = egress;
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout(settings.requestTimeoutMs())
                .setKeepAlive(false)
                .setMaxHeaderSize(16 * 1024)
                .setMaxInitialLineLength(4096),
            new PoolOptions().setHttp1MaxSize(4));
  }

  /** Calls {@code action} at {@code service}; answers the body's first element. */
  Future<Element> call(URI service, String action, String body, Camera.Credentials credentials) {
    return call(service, action, body, credentials, "", settings.requestTimeoutMs());
  }

  /**
   * Like {@link #call(URI, String, String, Camera.Credentials)} with more SOAP headers and its own
   * bound in time: a PullMessages request is held by the camera up to its timeout.
   */
  Future<Element> call(
      URI service,
      String action,
      String body,
      Camera.Credentials credentials,
      String headers,
      int timeoutMs) {
    String what = action.substring(action.lastIndexOf('/') + 1) + " at " + safe(service);
    String envelope = Soap.envelope(body, credentials, headers);
    return allowed(service, what)
        .compose(v -> post(service, action, envelope, what, timeoutMs))
        .compose(answer -> parse(answer, what));
  }

  private Future<Void> allowed(URI service, String what) {
    if (egress == null) {
      return Future.succeededFuture();
    }
    return egress
        .check("ONVIF " + what, service)
        .recover(
            e ->
                Future.failedFuture(
                    new OnvifCallException(Reason.EGRESS_REFUSED, String.valueOf(e.getMessage()))));
  }

  Future<Void> close() {
    return http.close();
  }

  private record Answer(int status, Buffer body) {}

  private Future<Answer> post(
      URI service, String action, String envelope, String what, int timeoutMs) {
    Promise<Answer> result = Promise.promise();
    AtomicReference<HttpClientRequest> request = new AtomicReference<>();
    long timer =
        vertx.setTimer(
            timeoutMs,
            t -> {
              result.tryFail(
                  new OnvifCallException(
                      Reason.UNREACHABLE,
                      what + " gave no complete answer within " + timeoutMs + " ms"));
              reset(request.get());
            });
    http.request(options(service, action))
        .onSuccess(
            req -> {
              request.set(req);
              if (result.future().isComplete()) {
                reset(req);
                return;
              }
              req.send(Buffer.buffer(envelope))
                  .onSuccess(response -> read(response, result, what))
                  .onFailure(e -> result.tryFail(unreachable(what, e)));
            })
        .onFailure(e -> result.tryFail(unreachable(what, e)));
    return result.future().onComplete(r -> vertx.cancelTimer(timer));
  }

  private void read(HttpClientResponse response, Promise<Answer> result, String what) {
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      result.tryFail(
          new OnvifCallException(
              Reason.NOT_AUTHORIZED, what + " answered HTTP " + response.statusCode()));
      response.exceptionHandler(e -> {}); // the reset below is ours, not news
      reset(response.request());
      return;
    }
    int max = settings.maxResponseBytes();
    Buffer body = Buffer.buffer();
    response.handler(
        chunk -> {
          if (body.length() + chunk.length() > max) {
            result.tryFail(
                new OnvifCallException(
                    Reason.BAD_ANSWER,
                    what + " answered more than " + max + " bytes (onvif.max-response-bytes)"));
            response.exceptionHandler(e -> {});
            reset(response.request());
          } else {
            body.appendBuffer(chunk);
          }
        });
    response.exceptionHandler(e -> result.tryFail(unreachable(what, e)));
    response.endHandler(v -> result.tryComplete(new Answer(response.statusCode(), body)));
  }

  private Future<Element> parse(Answer answer, String what) {
    return vertx
        .executeBlocking(
            () -> {
              byte[] bytes = answer.body().getBytes();
              return Soap.body(SafeXml.parse(bytes, bytes.length, settings.maxResponseBytes()));
            },
            false)
        .recover(
            e ->
                Future.failedFuture(
                    new OnvifCallException(
                        Reason.BAD_ANSWER,
                        what
                            + " answered HTTP "
                            + answer.status()
                            + " with a body the hub refuses: "
                            + e.getMessage())))
        .compose(body -> outcome(answer.status(), body, what));
  }

  private static Future<Element> outcome(int status, Element body, String what) {
    var fault = Soap.fault(body);
    if (fault.isPresent() || status != 200) {
      String text = fault.orElse("HTTP " + status);
      Reason reason =
          text.toLowerCase(Locale.ROOT).contains("notauthorized")
              ? Reason.NOT_AUTHORIZED
              : Reason.FAULT;
      return Future.failedFuture(
          new OnvifCallException(reason, what + " failed: " + cut(text, 200)));
    }
    for (Node n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        return Future.succeededFuture((Element) n);
      }
    }
    return Future.failedFuture(
        new OnvifCallException(Reason.BAD_ANSWER, what + " answered an empty SOAP body"));
  }

  private static RequestOptions options(URI service, String action) {
    boolean ssl = "https".equalsIgnoreCase(service.getScheme());
    String path =
        service.getRawPath() == null || service.getRawPath().isEmpty() ? "/" : service.getRawPath();
    if (service.getRawQuery() != null) {
      path += "?" + service.getRawQuery();
    }
    return new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(service.getHost().replace("[", "").replace("]", ""))
        .setPort(service.getPort() > 0 ? service.getPort() : ssl ? 443 : 80)
        .setSsl(ssl)
        .setURI(path)
        .putHeader(
            HttpHeaders.CONTENT_TYPE,
            "application/soap+xml; charset=utf-8; action=\"" + action + "\"")
        .putHeader(HttpHeaders.USER_AGENT, "Hearth");
  }

  private static OnvifCallException unreachable(String what, Throwable e) {
    if (e instanceof OnvifCallException known) {
      return known;
    }
    return new OnvifCallException(
        Reason.UNREACHABLE, what + " could not be reached: " + e.getMessage());
  }

  private static void reset(HttpClientRequest request) {
    if (request != null) {
      request.reset();
    }
  }

  /** The URL without any user-info, safe to show. */
  static String safe(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getRawAuthority().replaceFirst("^.*@", "")
        + uri.getRawPath();
  }

  private static String cut(String text, int max) {
    return text.length() > max ? text.substring(0, max) + "..." : text;
  }
}
