package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.runtime.testing.Peers;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The display page's handshake code (webroot/display/noise.js), run in Node 20 with its WebCrypto,
 * computes exactly the known answer in docs/noise-kk-vectors.json: the first message, the
 * transcript hash, both transport keys, and the first sealed message each way. The hub's Java is
 * held to the same file by cloud-bridge's HandshakeVectorsTest, so the two cannot drift.
 */
class NoiseVectorsJsTest {
  static final Path VECTORS = Path.of("..", "docs", "noise-kk-vectors.json");
  static final Path NOISE_JS = Path.of("src/main/resources/io/hearth/api/webroot/display/noise.js");
  static final Path RUNNER = Path.of("src/test/resources/io/hearth/api/e2e/noise-vectors.mjs");

  @Test
  @Timeout(60)
  void thePagesInitiatorComputesTheKnownAnswer() throws Exception {
    JsonObject expected = new JsonObject(Files.readString(VECTORS));
    JsonObject computed = run(NOISE_JS);
    assertEquals(8, computed.size(), computed.encode());
    for (String field : computed.fieldNames()) {
      assertEquals(expected.getValue(field), computed.getValue(field), field);
    }
  }

  /** Runs the vectors script on a copy of the page's noise.js; its JSON answer. */
  static JsonObject run(Path noiseJs) throws Exception {
    Path node = Peers.require("node", "nodejs");
    Process process =
        new ProcessBuilder(
                List.of(
                    node.toString(),
                    "--experimental-default-type=module",
                    RUNNER.toString(),
                    noiseJs.toString(),
                    VECTORS.toString()))
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("node failed: " + out);
    }
    String last = out.strip().lines().reduce((a, b) -> b).orElse("");
    return new JsonObject(last);
  }
}
