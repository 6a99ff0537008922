package io.hearth.api;

import io.hearth.bridge.channel.Channel;
import io.hearth.bridge.channel.Handshake;
import io.hearth.bridge.channel.Records;
import io.hearth.runtime.security.Unsealer;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A display away from home, in Java: it connects to the relay naming its hub, runs the KK handshake
 * with the keys pinned at pairing, speaks the request protocol and verifies every sealed chunk as
 * the display page does. Everything it sends to and receives from the relay is captured, so a test
 * can look for the camera's bytes in what the relay handled.
 */
final class RemoteDisplay implements AutoCloseable {
  final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  final BlockingQueue<JsonObject> answers = new LinkedBlockingQueue<>();
  final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  final AtomicInteger receivedBytes = new AtomicInteger();

  /** Why this display refused what came through the relay (a record that did not verify). */
  final java.util.concurrent.atomic.AtomicReference<Exception> refused =
      new java.util.concurrent.atomic.AtomicReference<>();

  private final Records records = new Records();
  private final ByteArrayOutputStream chunk = new ByteArrayOutputStream();
  private final WebSocketClient client;
  private final CompletableFuture<Channel> channel = new CompletableFuture<>();
  private Handshake handshake;
  byte[] lastHello;
  private WebSocket ws;
  private int nextId;

  RemoteDisplay(Vertx vertx, WebSocketClientOptions trust) {
    this.client = vertx.createWebSocketClient(trust);
  }

  /** Connects to the relay's viewer path for {@code relayId}. */
  RemoteDisplay connect(int port, String relayId) throws Exception {
    if (refused.get() != null) {
      throw new IllegalStateException("refused already");
    }
    ws =
        client
            .connect(
                new WebSocketConnectOptions()
                    .setHost("localhost")
                    .setPort(port)
                    .setURI("/v1/view/" + relayId))
            // On the socket's own context, before any message or close can be delivered: a relay
            // that refuses at once (the hub not there yet) then reports a close, not a throw.
            .map(
                socket -> {
                  socket.binaryMessageHandler(this::received);
                  socket.closeHandler(v -> closed.complete((int) socket.closeStatusCode()));
                  return socket;
                })
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return this;
  }

  /** Sends the first handshake message made with the pinned keys; returns its bytes. */
  byte[] hello(KeyPair mine, byte[] hubKey, String relayId) throws Exception {
    handshake = Handshake.initiator(mine, hubKey, relayId);
    byte[] first = handshake.writeFirst();
    sendRaw(Records.frame(first));
    return first;
  }

  void sendRaw(byte[] bytes) {
    synchronized (captured) {
      captured.writeBytes(bytes);
    }
    ws.writeBinaryMessage(Buffer.buffer(bytes));
  }

  /** The established channel, or null when the hub (or relay) ended the stream first. */
  Channel established(long seconds) throws Exception {
    CompletableFuture<Object> either = CompletableFuture.anyOf(channel, closed);
    try {
      either.get(seconds, TimeUnit.SECONDS);
      return channel.getNow(null);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CompletionException e) {
      return null; // an answer this display cannot verify: not its hub
    }
  }

  /** The established channel (the test reads its keys to look for them where they must not be). */
  Channel channel() throws Exception {
    return channel.get(10, TimeUnit.SECONDS);
  }

  JsonObject request(JsonObject request) throws Exception {
    int id = ++nextId;
    byte[] json = request.put("id", id).encode().getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[json.length + 1];
    message[0] = 0x01;
    System.arraycopy(json, 0, message, 1, json.length);
    sendRaw(Records.frame(channel.get().seal(message)));
    return Eventually.value(
        Duration.ofSeconds(10),
        "an answer to " + request.getString("op"),
        () -> {
          for (JsonObject answer; (answer = answers.poll()) != null; ) {
            if (Integer.valueOf(id).equals(answer.getInteger("id"))) {
              return answer;
            }
          }
          return null;
        });
  }

  /** Opens the chunk as the display does: sealed for this session and camera, in order. */
  static Unsealer.Opened verify(Unsealer unsealer, byte[] chunk) throws Unsealer.Rejected {
    return unsealer.open(chunk);
  }

  private void received(Buffer bytes) {
    receivedBytes.addAndGet(bytes.length());
    synchronized (captured) {
      captured.writeBytes(bytes.getBytes());
    }
    try {
      for (byte[] record : records.feed(bytes.getBytes())) {
        handle(record);
      }
    } catch (Exception e) {
      refused.compareAndSet(null, e);
      ws.close((short) 4400);
      channel.completeExceptionally(e);
    }
  }

  private void handle(byte[] record) throws Exception {
    if (!channel.isDone()) {
      channel.complete(handshake.readSecond(record));
      return;
    }
    byte[] message = channel.get().open(record);
    switch (message[0]) {
      case 0x01 ->
          answers.add(
              new JsonObject(new String(message, 1, message.length - 1, StandardCharsets.UTF_8)));
      case 0x02 -> chunk.write(message, 1, message.length - 1);
      case 0x03 -> {
        chunk.write(message, 1, message.length - 1);
        chunks.add(chunk.toByteArray());
        chunk.reset();
      }
      default -> throw new IllegalStateException("unknown message type " + message[0]);
    }
  }

  byte[] captured() {
    synchronized (captured) {
      return captured.toByteArray();
    }
  }

  @Override
  public void close() {
    if (ws != null) {
      ws.close();
    }
    client.close();
  }
}
