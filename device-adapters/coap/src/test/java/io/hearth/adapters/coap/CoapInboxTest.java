package io.hearth.adapters.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.discovery.Sighting;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** CoAP devices in the discovery inbox, against libcoap's coap-server on loopback. */
class CoapInboxTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aDeviceAddedByUrlIsListedAsAdopted() throws Exception {
    try (CoapServerPeer server = CoapServerPeer.start("-d", "4");
        TestHub hub = new TestHub(dir)) {
      // GIVEN a server with a temperature resource
      Process put =
          new ProcessBuilder(
                  Peers.require("coap-client-openssl", "libcoap3-bin").toString(),
                  "-m",
                  "put",
                  "-e",
                  "20",
                  server.url() + "/temperature")
              .start();
      assertTrue(put.waitFor(10, TimeUnit.SECONDS) && put.exitValue() == 0);
      // WHEN the owner adds it by URL, through the API's event-bus request
      JsonObject reply =
          Await.get(
                  hub.hub
                      .context()
                      .vertx()
                      .eventBus()
                      .<JsonObject>request(
                          CoapAddRequests.ADDRESS,
                          new JsonObject().put("name", "Cellar").put("url", server.url())))
              .body();
      // THEN the inbox lists it as adopted, pointing at its device
      String deviceId = reply.getJsonArray("devices").getJsonObject(0).getString("id");
      Discovered entry = only(hub.hub.context().inbox());
      assertEquals("127.0.0.1:" + server.port, entry.sighting().address());
      assertEquals(Discovered.ADOPTED, entry.state());
      assertEquals(deviceId, entry.adoptedId());
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void adoptingADeviceWithOnlyGenericResourcesGivesItsFirstDevice() throws Exception {
    try (CoapServerPeer server = CoapServerPeer.start();
        TestHub hub = new TestHub(dir)) {
      Sighting sighting = CoapSightings.of("127.0.0.1:" + server.port, List.of());
      Discovered entry = new Discovered("dsc_x", sighting, Discovered.NEW, null, 0, 0);

      String id =
          Await.get(
              new CoapAdopter(hub.devices())
                  .adopt(MulticastDiscoveryTest.OWNER, entry, "Clock", null));

      SensorDevice device = Await.get(hub.hub.context().devices().get(id));
      assertTrue(device.address().startsWith(server.url() + "/"), device.address());
    }
  }

  private static Discovered only(Inbox inbox) {
    List<Discovered> all = inbox.list(true);
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }
}
