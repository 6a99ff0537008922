package io.hearth.runtime.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SwitchboardOptionsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    SwitchboardOptions options = new SwitchboardOptions();

    assertEquals(Duration.ofSeconds(10), options.getLinger());
    assertEquals(Duration.ofSeconds(1), options.getBackoffInitial());
    assertEquals(Duration.ofSeconds(30), options.getBackoffMax());
    assertEquals(8 * 1024 * 1024, options.getGopMaxBytes());
    assertEquals(300, options.getGopMaxFrames());
    assertEquals(32, options.getMaxViewersPerCamera());
  }

  @Test
  void jsonRoundTrips() {
    SwitchboardOptions options =
        new SwitchboardOptions()
            .setLinger(Duration.ofMillis(1500))
            .setGopMaxFrames(60)
            .setMaxViewersPerCamera(4);

    assertEquals(options.toJson(), new SwitchboardOptions(options.toJson()).toJson());
    assertEquals(Duration.ofMillis(1500), new SwitchboardOptions(options.toJson()).getLinger());
  }

  @Test
  void missingKeysKeepDefaults() {
    SwitchboardOptions options = new SwitchboardOptions(new JsonObject().put("linger-ms", 0));

    assertEquals(Duration.ZERO, options.getLinger());
    assertEquals(32, options.getMaxViewersPerCamera());
  }

  @Test
  void settersRejectNonsense() {
    SwitchboardOptions options = new SwitchboardOptions();

    assertThrows(IllegalArgumentException.class, () -> options.setMaxViewersPerCamera(0));
    assertThrows(IllegalArgumentException.class, () -> options.setLinger(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> options.setBackoffInitial(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> options.setGopMaxBytes(-1));
  }
}
