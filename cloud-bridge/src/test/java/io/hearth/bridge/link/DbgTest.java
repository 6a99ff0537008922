package io.hearth.bridge.link;

import io.hearth.bridge.relay.RelayServer;
import io.hearth.bridge.relay.RelaySettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DbgTest {
  @Test
  void dbg() throws Exception {
    Vertx vertx = Vertx.vertx();
    RelayServer relay =
        new RelayServer(vertx, new RelaySettings("127.0.0.1", 256 * 1024, 64, 2, 120));
    int p =
        relay
            .start(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .toCompletionStage()
            .toCompletableFuture()
            .get();
    for (int sleep : new int[] {0, 1, 5}) {
      int lost = 0;
      for (int i = 0; i < 5; i++) {
        var client = vertx.createWebSocketClient();
        CompletableFuture<String> first = new CompletableFuture<>();
        Future<WebSocket> f =
            client.connect(
                new WebSocketConnectOptions().setHost("127.0.0.1").setPort(p).setURI("/v1/hub"));
        if (sleep > 0) Thread.sleep(sleep);
        f.onSuccess(
            ws -> {
              ws.binaryMessageHandler(m -> first.complete("got " + m.length()));
              ws.closeHandler(v -> first.complete("closed " + ws.closeStatusCode()));
            });
        String r = first.get(10, TimeUnit.SECONDS);
        if (!r.startsWith("got")) lost++;
        client.close();
      }
      System.out.println("DBG sleep " + sleep + " ms: lost " + lost + " of 5");
    }
    vertx.close();
  }
}
