package io.hearth.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Move;
import io.hearth.runtime.discovery.MoveCheck;
import io.hearth.runtime.discovery.Sighting;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.store.CameraStore;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONVIF move check against an impostor that learned everything public about the camera (its
 * endpoint reference, manufacturer, model, serial number and hardware id) and answers whatever it
 * is asked: it cannot tell the right password's digest from a wrong one, so it is refused.
 */
@Timeout(30)
class OnvifMoveCheckTest {
  private static final OnvifDevice.Information GARAGE =
      new OnvifDevice.Information("Hearth", "SimCam-1", "SN-GARAGE-1", "HW-1");
  private static final Camera.Credentials RIGHT = SimulatedCamera.CREDENTIALS;

  @TempDir Path dir;
  private Vertx vertx;
  private Database db;
  private HttpServer impostor;
  private final List<String> asked = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    db = Database.open(vertx, dir.resolve("hearth.db"));
    Await.get(db.migrate("onvif", new OnvifModule().schema()));
    String answer =
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
            + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"><s:Body>"
            + "<tds:GetDeviceInformationResponse><tds:Manufacturer>Hearth</tds:Manufacturer>"
            + "<tds:Model>SimCam-1</tds:Model><tds:SerialNumber>SN-GARAGE-1</tds:SerialNumber>"
            + "<tds:HardwareId>HW-1</tds:HardwareId></tds:GetDeviceInformationResponse>"
            + "</s:Body></s:Envelope>";
    impostor =
        Await.get(
            vertx
                .createHttpServer()
                .requestHandler(
                    r ->
                        r.body()
                            .onSuccess(
                                b -> {
                                  asked.add(b.toString());
                                  r.response().end(answer);
                                }))
                .listen(0, "127.0.0.1"));
  }

  @AfterEach
  void stop() throws Exception {
    db.close();
    Await.get(vertx.close());
  }

  @Test
  void anImpostorWithTheCamerasSerialThatTakesAnyPasswordIsRefused() throws Exception {
    OnvifClient client = new OnvifClient(vertx, OnvifSettings.defaults());
    OnvifIdentities identities = new OnvifIdentities(db.forModule("onvif"));
    Camera camera = adopted(identities);
    for (int round = 0; round < 4; round++) {
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () -> Await.get(new OnvifMoveCheck(client, identities).check(claim(), camera)));
      MoveCheck.Refused refused = assertInstanceOf(MoveCheck.Refused.class, e.getCause());
      assertTrue(refused.getMessage().contains("wrong password"), refused.getMessage());
    }
    assertFalse(asked.isEmpty());
    assertTrue(asked.stream().allMatch(b -> b.contains("#PasswordDigest")));
    assertTrue(asked.stream().noneMatch(b -> b.contains(RIGHT.password())));
  }

  @Test
  void withoutAnIdentityKeptAtAdoptionItCannotBeProvenButIsNotRefused() throws Exception {
    OnvifClient client = new OnvifClient(vertx, OnvifSettings.defaults());
    OnvifIdentities identities = new OnvifIdentities(db.forModule("onvif"));
    Camera camera =
        Await.get(
            new CameraStore(db)
                .create(
                    Principal.HUB,
                    "rtsp",
                    new Camera(null, "Old", URI.create("rtsp://10.0.0.2/cam"), null, RIGHT)));
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> Await.get(new OnvifMoveCheck(client, identities).check(claim(), camera)));
    assertFalse(e.getCause() instanceof MoveCheck.Refused, e.getCause().toString());
    assertTrue(asked.isEmpty(), "asked a device it could not judge anyway");
  }

  private Camera adopted(OnvifIdentities identities) throws Exception {
    Camera camera =
        Await.get(
            new CameraStore(db)
                .create(
                    Principal.HUB,
                    "rtsp",
                    new Camera(null, "Garage", URI.create("rtsp://10.0.0.2/cam"), null, RIGHT)));
    Await.get(identities.remember(camera.id(), GARAGE));
    return camera;
  }

  private Discovered claim() {
    String xaddr = "http://127.0.0.1:" + impostor.actualPort() + "/onvif/device_service";
    Sighting at =
        new Sighting(
            "onvif",
            "urn:uuid:garage",
            Sighting.CAMERA,
            "Garage",
            "127.0.0.1",
            Map.of(Sightings.XADDRS, xaddr),
            true);
    Move move = new Move("10.0.0.2", "127.0.0.1", Move.CHECKING, null, 0);
    return new Discovered("dsc_g", at, Discovered.MOVED, "cam_g", 0, 0, move);
  }
}
