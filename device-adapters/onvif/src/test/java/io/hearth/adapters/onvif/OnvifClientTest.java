package io.hearth.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.onvif.OnvifCallException.Reason;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;

/**
 * The SOAP client against a misbehaving camera on a loopback port: huge, endless, silent, DTD-laden
 * and wrongly namespaced answers all fail in bounded time with a reason, and the client still works
 * afterwards.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OnvifClientTest {
  private static final String OK =
      "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
          + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"><s:Body>"
          + "<tds:GetDeviceInformationResponse><tds:Manufacturer>Acme</tds:Manufacturer>"
          + "<tds:Model>M1</tds:Model><tds:SerialNumber>SN-7</tds:SerialNumber>"
          + "<tds:HardwareId>HW-2</tds:HardwareId></tds:GetDeviceInformationResponse></s:Body>"
          + "</s:Envelope>";
  private static final Camera.Credentials CREDENTIALS = new Camera.Credentials("u", "p");

  private Vertx vertx;
  private HttpServer server;
  private OnvifClient client;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server =
        Await.get(vertx.createHttpServer().requestHandler(this::camera).listen(0, "127.0.0.1"));
    port = server.actualPort();
    client = new OnvifClient(vertx, new OnvifSettings(60, 1000, 262_144));
  }

  @AfterEach
  void stop() throws Exception {
    Await.get(vertx.close());
  }

  private void camera(HttpServerRequest request) {
    var response = request.response().putHeader("Content-Type", "application/soap+xml");
    switch (request.path()) {
      case "/ok" -> response.end(OK);
      case "/huge" -> {
        response.setChunked(true);
        for (int i = 0; i < 64; i++) {
          response.write(Buffer.buffer(new byte[16_384]));
        }
        response.end();
      }
      case "/endless" -> {
        response.setChunked(true);
        response.write("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>");
        vertx.setPeriodic(
            50,
            id -> {
              if (response.closed()) {
                vertx.cancelTimer(id);
              } else {
                response.write("<x/>");
              }
            });
      }
      case "/silent" -> {}
      case "/laughs" -> response.end(Hellos.billionLaughs("urn:uuid:x", "http://127.0.0.1/"));
      case "/wrong-ns" -> response.end(OK.replace("ver10/device/wsdl", "ver10/device/wsdl-fake"));
      case "/truncated" -> response.end(OK.substring(0, OK.length() / 2));
      case "/refused" -> response.setStatusCode(401).end();
      default -> response.setStatusCode(404).end();
    }
  }

  @Test
  void hostileAnswersFailInBoundedTimeWithAReason() throws Exception {
    assertFails("/huge", Reason.BAD_ANSWER, "more than 262144 bytes");
    assertFails("/endless", Reason.UNREACHABLE, "no complete answer within 1000 ms");
    assertFails("/silent", Reason.UNREACHABLE, "no complete answer within 1000 ms");
    assertFails("/laughs", Reason.BAD_ANSWER, "DOCTYPE");
    assertFails("/truncated", Reason.BAD_ANSWER, "not acceptable XML");
    assertFails("/refused", Reason.NOT_AUTHORIZED, "HTTP 401");

    // The device information in a look-alike namespace is refused, the real one read.
    OnvifDevice fake = new OnvifDevice(client, url("/wrong-ns"), "127.0.0.1", CREDENTIALS);
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> Await.get(fake.information()));
    OnvifCallException wrong = assertInstanceOf(OnvifCallException.class, e.getCause());
    assertEquals(Reason.BAD_ANSWER, wrong.reason());
    assertTrue(wrong.getMessage().contains("was expected"), wrong.getMessage());
    OnvifDevice real = new OnvifDevice(client, url("/ok"), "127.0.0.1", CREDENTIALS);
    assertEquals(
        new OnvifDevice.Information("Acme", "M1", "SN-7", "HW-2"), Await.get(real.information()));
  }

  @Test
  void addressesTheCameraNamesAreTakenToItsDiscoveredHost() {
    assertEquals(
        URI.create("rtsp://10.0.0.7:554/live?x=1"),
        OnvifDevice.onHost(URI.create("rtsp://admin:pw@203.0.113.9:554/live?x=1"), "10.0.0.7"));
  }

  private void assertFails(String path, Reason reason, String words) throws Exception {
    long start = System.nanoTime();
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> Await.get(client.call(url(path), "urn:test/Op", "<x/>", CREDENTIALS)));
    OnvifCallException failure = assertInstanceOf(OnvifCallException.class, e.getCause(), path);
    assertEquals(reason, failure.reason(), failure.getMessage());
    assertTrue(failure.getMessage().contains(words), failure.getMessage());
    assertTrue(failure.getMessage().contains("127.0.0.1:" + port + path), failure.getMessage());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), path + " took too long");
    Element ok = Await.get(client.call(url("/ok"), "urn:test/Op", "<x/>", CREDENTIALS));
    assertEquals("GetDeviceInformationResponse", ok.getLocalName());
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
