package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as systemd runs it (a child JVM with the production logback.xml) logs with dates: each
 * text line starts with an ISO-8601 UTC time; with {@code log.format: json} every log line is one
 * JSON object with an RFC 3339 time, and neither format carries a token, good or bad.
 */
@Timeout(120)
class LogFormatTest {
  static final Duration START = Duration.ofSeconds(60);
  static final Pattern TEXT_LINE =
      Pattern.compile(
          "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (TRACE|DEBUG|INFO |WARN |ERROR) .*");
  static final String WRONG = "hth_thisIsNotARealTokenButLooksLikeOne0123456789";
  @TempDir Path dir;

  @Test
  void textLinesStartWithAnIsoTime() throws Exception {
    String log = run();
    List<String> lines = logLines(log);
    assertFalse(lines.isEmpty(), log);
    for (String line : lines) {
      assertTrue(TEXT_LINE.matcher(line).matches(), "no ISO time: " + line);
    }
  }

  @Test
  void jsonLinesAreObjectsWithRfc3339Times() throws Exception {
    String log = run("log.format=json");
    List<String> lines = logLines(log);
    assertTrue(lines.stream().anyMatch(l -> l.contains("is up in")), log);
    for (String line : lines) {
      JsonObject entry;
      try {
        entry = new JsonObject(line);
      } catch (DecodeException e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
      OffsetDateTime.parse(entry.getString("time"));
      assertTrue(entry.getString("time").endsWith("Z"), line);
      for (String field : List.of("level", "logger", "thread", "message")) {
        assertTrue(entry.containsKey(field), field + " missing: " + line);
      }
    }
  }

  /** Runs the hub, sends a good and a bad token, stops it; its log, checked for the tokens. */
  private String run(String... sets) throws Exception {
    Path data = dir.resolve("data");
    try (HubProcess hub = HubProcess.run(data, dir.resolve("hub.log"), sets)) {
      int port = hub.awaitHttpPort(START);
      String owner = hub.ownerToken();
      HttpClient client = HttpClient.newHttpClient();
      assertEquals(200, me(client, port, owner));
      assertEquals(401, me(client, port, WRONG));
      Eventually.check(
          Duration.ofSeconds(10),
          "the refusal logged or not, the start line logged",
          () -> hub.output().contains("is up in"));
      String log = hub.output();
      assertFalse(log.contains(owner), "the owner's token is in the log");
      assertFalse(log.contains(WRONG), "a presented token is in the log");
      return log;
    }
  }

  private static int me(HttpClient client, int port, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(10))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** The log's lines, without what the command prints on standard output (its banner). */
  private static List<String> logLines(String output) {
    return output
        .lines()
        .filter(l -> !l.isBlank())
        .filter(l -> !l.startsWith("Hearth ") || l.startsWith("{"))
        .toList();
  }
}
