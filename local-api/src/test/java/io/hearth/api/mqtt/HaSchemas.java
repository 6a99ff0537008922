package io.hearth.api.mqtt;

import io.hearth.runtime.testing.Peers;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Home Assistant's own discovery checks (a port of its voluptuous schemas, {@code
 * ha/ha_discovery_check.py}, run by Debian's python3 with python3-voluptuous): one verdict per
 * document, {@code OK <topic>}, {@code REMOVED <topic>} or {@code INVALID <topic>: <reason>}.
 */
final class HaSchemas {
  private HaSchemas() {}

  static List<String> check(Map<String, String> documents) throws Exception {
    // Debian's python3, where Debian's python3-voluptuous lives (another python3 may be first).
    Path debian = Path.of("/usr/bin/python3");
    Path python =
        java.nio.file.Files.isExecutable(debian) ? debian : Peers.require("python3", "python3");
    Process probe = new ProcessBuilder(python.toString(), "-c", "import voluptuous").start();
    if (!probe.waitFor(20, TimeUnit.SECONDS) || probe.exitValue() != 0) {
      Peers.missing(
          "python3 cannot import voluptuous: install the Debian package" + " python3-voluptuous");
    }
    Path script = Path.of(HaSchemas.class.getResource("/ha/ha_discovery_check.py").toURI());
    Process p =
        new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(true).start();
    try (Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      for (Map.Entry<String, String> d : documents.entrySet()) {
        in.write(new JsonObject().put("topic", d.getKey()).put("payload", d.getValue()).encode());
        in.write('\n');
      }
    }
    List<String> verdicts = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        verdicts.add(line);
      }
    }
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("the schema check failed: " + verdicts);
    }
    return verdicts;
  }
}
