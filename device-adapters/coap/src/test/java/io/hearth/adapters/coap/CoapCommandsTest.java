package io.hearth.adapters.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands to libcoap's coap-server (which creates resources on PUT with -d), read back by
 * coap-client.
 */
class CoapCommandsTest {
  @TempDir Path dir;
  private CoapServerPeer server;
  private TestHub hub;

  @BeforeEach
  void start() throws Exception {
    server = CoapServerPeer.start("-d", "5");
    hub = new TestHub(dir, "coap.request-timeout-ms=1000");
  }

  @AfterEach
  void stop() {
    hub.close();
    server.close();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void switchOnIsPutAsOneAndReadBackByAnIndependentClient() throws Exception {
    SensorDevice lamp = device(server.url() + "/lamp", Capability.SWITCH);

    Await.get(hub.module.commands().execute(lamp, Capability.SWITCH, true));

    assertEquals("1", coapClientGet(server.url() + "/lamp"));
    Await.get(hub.module.commands().execute(lamp, Capability.SWITCH, false));
    assertEquals("0", coapClientGet(server.url() + "/lamp"));
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aRefusalIs502WithTheDevicesCode() throws Exception {
    SensorDevice root = device(server.url() + "/", Capability.DIMMER);

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> Await.get(hub.module.commands().execute(root, Capability.DIMMER, 50)));

    HubException cause = (HubException) e.getCause();
    assertEquals(502, cause.status());
    assertTrue(cause.getMessage().contains("4.05"), cause.getMessage());
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void silenceIs504() throws Exception {
    try (ScriptedCoapServer mute = new ScriptedCoapServer()) {
      SensorDevice plug = device(mute.url() + "/relay", Capability.SWITCH);

      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () -> Await.get(hub.module.commands().execute(plug, Capability.SWITCH, true)));

      assertEquals(504, ((HubException) e.getCause()).status());
    }
  }

  private SensorDevice device(String address, Capability capability) throws Exception {
    return Await.get(
        hub.hub
            .context()
            .devices()
            .ensure("coap", address, "test " + capability, Set.of(capability)));
  }

  private static String coapClientGet(String url) throws Exception {
    Path client = Peers.require("coap-client-notls", "libcoap3-bin");
    Process p = new ProcessBuilder(client.toString(), "-m", "get", "-B", "3", url).start();
    assertTrue(p.waitFor(5, TimeUnit.SECONDS), "coap-client finished");
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }
}
