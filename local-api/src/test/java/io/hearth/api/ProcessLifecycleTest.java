package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The hub as a real process: SIGTERM, kill -9 mid-burst, bad configuration; exit codes. */
@Timeout(120)
class ProcessLifecycleTest {
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;

  @Test
  void sigtermStopsGracefullyWithinFiveSecondsWithExitZero() throws Exception {
    Path data = dir.resolve("data");
    try (HubProcess hub = HubProcess.run(data, dir.resolve("hub.log"))) {
      int port = hub.awaitHttpPort(Duration.ofSeconds(30));
      String name = "before-term";
      assertEquals(201, addMember(port, hub.ownerToken(), name).statusCode());
      long start = System.nanoTime();
      hub.process.destroy();
      assertTrue(hub.process.waitFor(5, TimeUnit.SECONDS), "still running 5 s after SIGTERM");
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(0, hub.process.exitValue(), hub.output());
      assertTrue(hub.output().contains("Hearth stopped"), hub.output());
      assertTrue(memberNames(data).contains(name));
      System.out.println("graceful stop took " + millis + " ms");
    }
  }

  @Test
  void killNineDuringABurstOfWritesLosesNothingAcknowledged() throws Exception {
    Path data = dir.resolve("data");
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    try (HubProcess hub = HubProcess.run(data, dir.resolve("hub.log"))) {
      int port = hub.awaitHttpPort(Duration.ofSeconds(30));
      String token = hub.ownerToken();
      AtomicBoolean go = new AtomicBoolean(true);
      ExecutorService writers = Executors.newFixedThreadPool(4);
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.execute(() -> burst(port, token, writer, go, acknowledged));
      }
      Eventually.holdsWithin(Duration.ofSeconds(30), () -> acknowledged.size() >= 50);
      hub.process.destroyForcibly();
      assertTrue(hub.process.waitFor(5, TimeUnit.SECONDS));
      go.set(false);
      writers.shutdown();
      assertTrue(writers.awaitTermination(10, TimeUnit.SECONDS));
    }
    assertTrue(acknowledged.size() > 20, "too few writes in the burst: " + acknowledged.size());
    assertEquals("ok", integrityCheck(data.resolve("hearth.db")));
    try (HubProcess again = HubProcess.run(data, dir.resolve("again.log"))) {
      int port = again.awaitHttpPort(Duration.ofSeconds(30));
      HttpResponse<String> list =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/members"))
                  .header("Authorization", "Bearer " + again.ownerToken())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Set<String> names =
          new JsonObject(list.body())
              .getJsonArray("members").stream()
                  .map(m -> ((JsonObject) m).getString("name"))
                  .collect(Collectors.toSet());
      List<String> lost = new ArrayList<>(acknowledged);
      lost.removeAll(names);
      assertEquals(List.of(), lost, "acknowledged writes lost after kill -9");
      System.out.println(
          "kill -9 after " + acknowledged.size() + " acknowledged writes: none lost");
    }
  }

  @Test
  void aCorruptedConfigFileExitsWithTwoNamingTheLine() throws Exception {
    Path config = Files.writeString(dir.resolve("hearth.yaml"), "api:\n  port: 8443\n  host: [\n");
    try (HubProcess hub =
        HubProcess.launch(
            dir.resolve("data"), dir.resolve("hub.log"), "run", "--config", config.toString())) {
      assertTrue(hub.process.waitFor(30, TimeUnit.SECONDS));
      assertEquals(2, hub.process.exitValue());
      assertTrue(hub.output().contains("hearth.yaml line 4"), hub.output());
    }
  }

  @Test
  void anUnusableDataDirectoryExitsWithThree() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    try (HubProcess hub =
        HubProcess.launch(
            dir.resolve("data"),
            dir.resolve("hub.log"),
            "run",
            "--data",
            file.resolve("data").toString())) {
      assertTrue(hub.process.waitFor(30, TimeUnit.SECONDS));
      assertEquals(3, hub.process.exitValue());
      assertTrue(hub.output().contains("is not usable"), hub.output());
    }
  }

  private static void burst(
      int port, String token, int writer, AtomicBoolean go, Set<String> acknowledged) {
    for (int i = 0; go.get(); i++) {
      String name = "w" + writer + "-" + i;
      try {
        HttpResponse<String> answer = addMember(port, token, name);
        if (answer.statusCode() == 201) {
          acknowledged.add(name);
        } else if (go.get()) {
          System.out.println("burst write refused: " + answer.statusCode() + " " + answer.body());
        }
      } catch (Exception e) {
        return; // the hub was killed mid-request: that write was never acknowledged
      }
    }
  }

  static HttpResponse<String> addMember(int port, String token, String name) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/members"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(5))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("name", name).put("role", "guest").encode()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Set<String> memberNames(Path data) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hearth.db"));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT name FROM member")) {
      Set<String> names = new java.util.HashSet<>();
      while (rows.next()) {
        names.add(rows.getString(1));
      }
      return names;
    }
  }

  private static String integrityCheck(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("PRAGMA integrity_check")) {
      JsonArray results = new JsonArray();
      while (rows.next()) {
        results.add(rows.getString(1));
      }
      return String.join(";", results.stream().map(String::valueOf).toList());
    }
  }
}
