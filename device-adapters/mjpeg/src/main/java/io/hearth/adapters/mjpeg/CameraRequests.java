package io.hearth.adapters.mjpeg;

import io.hearth.adapters.mjpeg.OfflineReasons.AuthFailed;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.net.auth.AuthChallenge;
import io.hearth.runtime.net.auth.AuthException;
import io.hearth.runtime.net.auth.BasicAuth;
import io.hearth.runtime.net.auth.DigestAuth;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The HTTP plumbing shared by streams and snapshots: a client with bounded waits, a GET that
 * answers one 401 with Digest or Basic credentials, and a size-bounded body.
 */
final class CameraRequests {
  private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

  private CameraRequests() {}

  static HttpClientAgent client(Vertx vertx, MjpegSettings settings) {
    HttpClientOptions options =
        new HttpClientOptions()
            .setConnectTimeout((int) settings.connectTimeout().toMillis())
            .setKeepAlive(false)
            .setMaxHeaderSize(16 * 1024)
            .setTrustAll(settings.trustAllCertificates())
            .setVerifyHost(!settings.trustAllCertificates());
    return vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(2));
  }

  /** A GET of the URL, with any user-info left out (credentials go in a header, on demand). */
  static RequestOptions get(URI url) {
    boolean ssl = "https".equalsIgnoreCase(url.getScheme());
    String host = url.getHost() == null ? "" : url.getHost().replace("[", "").replace("]", "");
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    return new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setHost(host)
        .setPort(url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80)
        .setSsl(ssl)
        .setURI(path)
        .putHeader(HttpHeaders.USER_AGENT, "Hearth");
  }

  /**
   * Sends the GET; on a 401 with credentials at hand, sends it once more, authenticated. Without
   * {@code plainAllowed} (an address discovery moved the camera to, see {@link
   * Camera#plainPasswordAllowed}) Basic is refused: the password goes only as a digest.
   */
  static Future<HttpClientResponse> send(
      HttpClient client,
      RequestOptions options,
      Camera.Credentials credentials,
      boolean plainAllowed) {
    return client
        .request(options)
        .compose(HttpClientRequest::send)
        .compose(
            response -> {
              if (response.statusCode() != 401) {
                return Future.succeededFuture(response);
              }
              discard(response);
              return retry(client, options, credentials, plainAllowed, response);
            });
  }

  private static Future<HttpClientResponse> retry(
      HttpClient client,
      RequestOptions options,
      Camera.Credentials credentials,
      boolean plainAllowed,
      HttpClientResponse refused) {
    if (credentials == null) {
      return Future.failedFuture(
          new AuthFailed("the camera asks for credentials and none are configured"));
    }
    String authorization;
    try {
      authorization =
          authorization(
              refused.headers().getAll(WWW_AUTHENTICATE),
              credentials,
              options.getURI(),
              plainAllowed);
    } catch (AuthException e) {
      return Future.failedFuture(new AuthFailed(e.getMessage()));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new AuthFailed("credentials unusable: " + e.getMessage()));
    }
    RequestOptions again =
        new RequestOptions(options).putHeader(HttpHeaders.AUTHORIZATION, authorization);
    return client.request(again).compose(HttpClientRequest::send);
  }

  /** Drops an answer that is not wanted, closing its connection. */
  static void discard(HttpClientResponse response) {
    response.exceptionHandler(e -> {});
    response.request().reset();
  }

  /** The header answering the strongest challenge the camera offers (shared with RTSP). */
  private static String authorization(
      List<String> offered, Camera.Credentials credentials, String uri, boolean plainAllowed)
      throws AuthException {
    AuthChallenge chosen =
        AuthChallenge.strongest(AuthChallenge.parseAll(offered))
            .orElseThrow(
                () ->
                    new AuthException(
                        "the camera asks for an authentication scheme this adapter does not speak"
                            + " (it speaks Digest MD5/SHA-256 and Basic)"));
    if (chosen.isScheme("Digest")) {
      return DigestAuth.of(chosen, credentials.username(), credentials.password())
          .authorization("GET", uri);
    }
    if (!plainAllowed) {
      throw new AuthException(
          "the camera asks for Basic authentication, which would send its password readable"
              + " to an address discovery found; set the camera to Digest, or enter its"
              + " address yourself");
    }
    return BasicAuth.header(credentials.username(), credentials.password());
  }

  /** The camera's credentials, else those in the URL's user-info, else null. */
  static Camera.Credentials credentials(Camera camera, URI url) {
    if (camera.credentials() != null) {
      return camera.credentials();
    }
    String userInfo = url == null ? null : url.getRawUserInfo();
    if (userInfo == null) {
      return null;
    }
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
    String password = colon < 0 ? "" : userInfo.substring(colon + 1);
    return new Camera.Credentials(decode(user), decode(password));
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The whole body, or a failure as soon as it exceeds {@code maxBytes}. */
  static Future<Buffer> body(HttpClientResponse response, int maxBytes) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    response.handler(
        chunk -> {
          if (body.length() + chunk.length() > maxBytes) {
            promise.tryFail(new TooLarge(maxBytes));
            discard(response);
          } else {
            body.appendBuffer(chunk);
          }
        });
    response.exceptionHandler(e -> promise.tryFail(e));
    response.endHandler(v -> promise.tryComplete(body));
    return promise.future();
  }

  /** A body larger than allowed. */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge(int maxBytes) {
      super("larger than " + maxBytes + " bytes (mjpeg.max-frame-bytes)");
    }
  }
}
