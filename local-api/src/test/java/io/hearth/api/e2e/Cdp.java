package io.hearth.api.e2e;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One Chrome DevTools Protocol connection over the JDK's WebSocket client: numbered commands, their
 * answers matched by id, and events passed to a listener.
 */
final class Cdp implements AutoCloseable {
  private static final long COMMAND_TIMEOUT_S = 30;

  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final WebSocket socket;
  private volatile Consumer<JsonObject> events = e -> {};

  private Cdp(WebSocket socket) {
    this.socket = socket;
  }

  static Cdp connect(String url) throws Exception {
    Listener listener = new Listener();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create(url), listener)
            .get(15, TimeUnit.SECONDS);
    Cdp cdp = new Cdp(socket);
    listener.cdp = cdp;
    return cdp;
  }

  void onEvent(Consumer<JsonObject> listener) {
    this.events = listener;
  }

  /** Sends a command and waits for its result; fails on a protocol error. */
  JsonObject send(String method, JsonObject params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    pending.put(id, answer);
    JsonObject command = new JsonObject().put("id", id).put("method", method).put("params", params);
    synchronized (socket) {
      socket.sendText(command.encode(), true).get(10, TimeUnit.SECONDS);
    }
    try {
      JsonObject reply = answer.get(COMMAND_TIMEOUT_S, TimeUnit.SECONDS);
      if (reply.containsKey("error")) {
        throw new IllegalStateException(method + " failed: " + reply.getJsonObject("error"));
      }
      return reply.getJsonObject("result", new JsonObject());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(method + " got no answer", e);
    } finally {
      pending.remove(id);
    }
  }

  private void received(String text) {
    JsonObject message = new JsonObject(text);
    Integer id = message.getInteger("id");
    if (id == null) {
      events.accept(message);
      return;
    }
    CompletableFuture<JsonObject> answer = pending.get(id);
    if (answer != null) {
      answer.complete(message);
    }
  }

  @Override
  public void close() {
    socket.abort();
    pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("closed")));
  }

  /** Reassembles text messages that arrive in parts. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private volatile Cdp cdp;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        if (cdp != null) {
          cdp.received(message);
        }
      }
      socket.request(1);
      return null;
    }
  }
}
