package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.runtime.testing.Peers;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redocly's linter (npm {@code @redocly/cli}, its recommended rules) on the document the hub
 * serves: no error, and no warning but the ones kept on purpose, each with its reason in {@link
 * #KEPT}. A new warning fails the test, so it is either fixed or added here with a reason.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenApiLintTest {
  static final Path LINT_DIR = Path.of("src/test/lint");

  /**
   * rule and JSON pointer of each warning kept: Hearth has published no license yet (see the Debian
   * copyright file), so the document cannot name one; health, this document and the CA certificate
   * take no input and need no token, so they have no 4xx answer (nor has the sign-in status a
   * sign-in page reads before anyone is signed in); the stream route is a WebSocket upgrade, whose
   * success is 101, not 2xx.
   */
  static final Set<String> KEPT =
      Set.of(
          "info-license #/info",
          "operation-4xx-response #/paths/~1api~1v1~1health/get/responses",
          "operation-4xx-response #/paths/~1api~1v1~1openapi.json/get/responses",
          "operation-4xx-response #/paths/~1api~1v1~1ca.pem/get/responses",
          "operation-4xx-response #/paths/~1api~1v1~1signin/get/responses",
          "operation-2xx-response #/paths/~1api~1v1~1streams~1{ticket}/get/responses");

  @TempDir Path dir;

  @Test
  void theServedDocumentLintsWithOnlyTheKeptWarnings() throws Exception {
    Path redocly = LINT_DIR.resolve("node_modules/.bin/redocly");
    Peers.require("node", "nodejs");
    if (!Files.isExecutable(redocly)) {
      Peers.missing("@redocly/cli is not installed in " + LINT_DIR + ": run .ci/install-peers");
    }
    Path document = dir.resolve("openapi.json");
    Files.writeString(document, OpenApiDocument.load().encodePrettily());
    JsonObject report = lint(redocly, document);
    Set<String> found = new TreeSet<>();
    report
        .getJsonArray("problems")
        .forEach(
            p -> {
              JsonObject problem = (JsonObject) p;
              String pointer =
                  problem.getJsonArray("location").getJsonObject(0).getString("pointer");
              found.add(problem.getString("ruleId") + " " + pointer);
            });
    assertEquals(0, report.getJsonObject("totals").getInteger("errors"), report.encodePrettily());
    assertEquals(new TreeSet<>(KEPT), found, "warnings other than the kept ones");
  }

  private static JsonObject lint(Path redocly, Path document) throws Exception {
    ProcessBuilder command =
        new ProcessBuilder(
                redocly.toAbsolutePath().toString(), "lint", document.toString(), "--format=json")
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    command.environment().put("REDOCLY_TELEMETRY", "off");
    command.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    Process process = command.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("redocly lint did not finish");
    }
    return new JsonObject(out.substring(out.indexOf('{')));
  }
}
