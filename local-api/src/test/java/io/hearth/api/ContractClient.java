package io.hearth.api;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Calls the hub's routes for the contract test and checks every answer against the document ({@link
 * OpenApiContract}): one method per kind of call, each naming the path template it exercises beside
 * the concrete path.
 */
final class ContractClient {
  private final TestHub hub;
  final OpenApiContract contract;

  ContractClient(TestHub hub, OpenApiContract contract) {
    this.hub = hub;
    this.contract = contract;
  }

  /** Sends, checks, and returns the answer; a JSON body is given as text (null: none). */
  HttpResponse<String> call(String method, String template, String path, String token, String json)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(hub.https(path));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> answer = hub.send(TestHub.authorized(request, token));
    String type = answer.headers().firstValue("Content-Type").orElse(null);
    contract.check(method, template, answer.statusCode(), type, answer.body());
    return answer;
  }

  HttpResponse<String> get(String template, String path, String token) throws Exception {
    return call("GET", template, path, token, null);
  }

  /** A call that must succeed with {@code status}; its JSON body. */
  JsonObject ok(int status, String method, String template, String path, String token, Object body)
      throws Exception {
    String json = body == null ? null : body instanceof JsonObject o ? o.encode() : body.toString();
    HttpResponse<String> answer = call(method, template, path, token, json);
    if (answer.statusCode() != status) {
      throw new AssertionError(
          method
              + " "
              + path
              + ": expected "
              + status
              + ", got "
              + answer.statusCode()
              + " "
              + answer.body());
    }
    return answer.body().isEmpty() ? new JsonObject() : new JsonObject(answer.body());
  }

  /** A streaming answer (MJPEG, say): status and content type are checked, the body is not read. */
  int stream(String template, String path, String token) throws Exception {
    HttpRequest request =
        TestHub.authorized(HttpRequest.newBuilder(hub.https(path)), token)
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<java.io.InputStream> answer =
        hub.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    String type = answer.headers().firstValue("Content-Type").orElse(null);
    try (java.io.InputStream body = answer.body()) {
      String text = answer.statusCode() < 300 ? null : new String(body.readNBytes(4096));
      contract.check("GET", template, answer.statusCode(), type, text);
    }
    return answer.statusCode();
  }

  /**
   * The stream WebSocket: a documented 101 when the upgrade succeeds (the ticket is the
   * credential), on the plain loopback listener.
   */
  void upgrade(String wsUrl) throws Exception {
    URI uri =
        URI.create("ws://127.0.0.1:" + hub.hub.context().ports().get("api.http-port") + wsUrl);
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(
                uri,
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    ws.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    contract.check("GET", "/api/v1/streams/{ticket}", 101, null, null);
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
  }
}
