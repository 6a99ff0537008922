package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.hearth.adapters.mjpeg.MjpegModule;
import io.hearth.adapters.rtsp.RtspModule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Viewers learn camera names, never addresses, and nobody learns a camera's secrets: a marker put
 * in every place a camera secret can go (URL user-info, each query form, the snapshot URL, the
 * username and password fields) is sent through every camera route, as the owner and as a granted
 * display, with the cameras failing in every way they can (closed port, 404, 401), and must appear
 * in no answer, no log line (at DEBUG) and no URL column of the database, while the cameras
 * themselves still receive it.
 */
@Timeout(180)
class CameraUrlSecretsTest {
  private static final String MARKER = "Mk" + UUID.randomUUID().toString().replace("-", "");
  private static final List<String> FORMS =
      List.of(
          "user",
          "password",
          "pwd",
          "passwd",
          "pass",
          "psw",
          "auth",
          "token",
          "key",
          "apikey",
          "secret",
          "usr",
          "username",
          "loginuse",
          "loginpas");

  @TempDir static Path dir;
  static TestHub hub;
  static CameraPeers peers;
  static ListAppender<ILoggingEvent> logs = new ListAppender<>();
  static Level previous;

  @BeforeAll
  static void start() throws Exception {
    Logger hearth = (Logger) LoggerFactory.getLogger("io.hearth");
    previous = hearth.getLevel();
    hearth.setLevel(Level.DEBUG);
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    peers = new CameraPeers();
    hub = TestHub.start(dir, List.of(new RtspModule(), new MjpegModule()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (hub != null) {
      hub.close();
    }
    peers.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    ((Logger) LoggerFactory.getLogger("io.hearth")).setLevel(previous);
  }

  @Test
  void aSecretSentThroughEveryRouteComesOutOfNone() throws Exception {
    List<String> answers = new ArrayList<>();
    List<String> ids = addCameras(answers);
    String display = hub.pairDisplay("Hall TV", ids);

    for (String id : ids) {
      answers.add(ok(hub.patch(path(id), hub.ownerToken, "{\"name\":\"renamed " + id + "\"}")));
      for (String token : List.of(hub.ownerToken, display)) {
        String camera = ok(hub.get(path(id), token));
        answers.add(camera);
        answers.add(session(id, new JsonObject(camera).getString("format"), token));
        // Each camera is watched until it fails: closed port, 404, 401, refused credentials.
        answers.add(hub.get(path(id) + "/snapshot", token).body());
      }
    }
    for (String token : List.of(hub.ownerToken, display)) {
      answers.add(hub.get("/api/v1/cameras", token).body());
    }
    for (String route :
        List.of(
            "/api/v1/discovered",
            "/api/v1/audit?limit=500",
            "/api/v1/health",
            "/api/v1/openapi.json")) {
      answers.add(hub.get(route, hub.ownerToken).body());
    }

    assertCamerasGotTheirSecrets();
    for (String answer : answers) {
      assertFalse(answer.contains(MARKER), answer);
    }
    for (String line : logLines()) {
      assertFalse(line.contains(MARKER), line);
    }
    assertFalse(urlColumns().contains(MARKER), urlColumns());
  }

  @Test
  void aPatchThatDoesNotResendTheSecretKeepsIt() throws Exception {
    int port = peers.httpPort();
    String id =
        created(
            hub.post(
                CamerasApi.PATH,
                hub.ownerToken,
                camera("kept", "http://127.0.0.1:" + port + "/kept.cgi?user=admin&pwd=" + MARKER)),
            new ArrayList<>());
    String shown = new JsonObject(ok(hub.get(path(id), hub.ownerToken))).getString("url");
    assertEquals("http://127.0.0.1:" + port + "/kept.cgi?user=***&pwd=***", shown);

    ok(hub.patch(path(id), hub.ownerToken, new JsonObject().put("url", shown + "&x=1").encode()));
    hub.get(path(id) + "/snapshot", hub.ownerToken);

    assertTrue(
        peers.requests.contains("HTTP /kept.cgi?user=admin&pwd=" + MARKER + "&x=1"),
        peers.requests.toString());
  }

  @Test
  void aViewerSeesExactlyIdNameFormatAndStatus() throws Exception {
    String rtsp = hub.addCamera("Door", "rtsp://admin:pw@10.1.2.3:554/live?token=abc");
    String mjpeg = hub.addCamera("Yard", "http://10.1.2.4/video.cgi?loginuse=a&loginpas=b");
    String display = hub.pairDisplay("Kitchen TV", List.of(rtsp, mjpeg));
    String member = hub.memberToken(List.of(rtsp, mjpeg));

    for (String token : List.of(display, member)) {
      JsonArray listed =
          new JsonObject(ok(hub.get(CamerasApi.PATH, token))).getJsonArray("cameras");
      assertEquals(2, listed.size(), listed.encode());
      for (Object each : listed) {
        assertViewerFields((JsonObject) each);
      }
      assertViewerFields(new JsonObject(ok(hub.get(path(rtsp), token))));
      assertEquals("mse", new JsonObject(ok(hub.get(path(rtsp), token))).getString("format"));
      assertEquals("mjpeg", new JsonObject(ok(hub.get(path(mjpeg), token))).getString("format"));
    }
    JsonObject owners = new JsonObject(ok(hub.get(path(mjpeg), hub.ownerToken)));
    assertEquals("http://10.1.2.4/video.cgi?loginuse=***&loginpas=***", owners.getString("url"));
    assertTrue(owners.getBoolean("has_credentials"));
    assertEquals("mjpeg", owners.getString("format"));
  }

  private static void assertViewerFields(JsonObject camera) {
    assertEquals(Set.of("id", "name", "format", "status"), camera.fieldNames(), camera.encode());
    assertEquals(
        Set.of("state", "reason"), camera.getJsonObject("status").fieldNames(), camera.encode());
    assertFalse(camera.encode().contains("10.1.2."), camera.encode());
  }

  /** One camera per place a secret can go; every answer to the creations is kept. */
  private static List<String> addCameras(List<String> answers) throws Exception {
    String http = "http://127.0.0.1:" + peers.httpPort();
    String rtsp = "rtsp://127.0.0.1:" + peers.rtspPort();
    String closed = "127.0.0.1:" + peers.closedPort;
    List<String> bodies = new ArrayList<>();
    bodies.add(
        camera("authority", "rtsp://admin:" + MARKER + "@127.0.0.1:" + peers.rtspPort() + "/a"));
    bodies.add(camera("authority http", "http://admin:" + MARKER + "@" + closed + "/a"));
    for (int i = 0; i < FORMS.size(); i++) {
      String base = i % 2 == 0 ? http + "/video.cgi" : rtsp + "/live";
      bodies.add(camera(FORMS.get(i), base + "?res=1&" + FORMS.get(i) + "=" + MARKER));
    }
    bodies.add(
        camera("foscam", http + "/videostream.cgi?loginuse=u" + MARKER + "&loginpas=" + MARKER));
    bodies.add(camera("closed", "rtsp://" + closed + "/live?user=admin&password=" + MARKER));
    bodies.add(
        new JsonObject(camera("snapshot", "http://" + closed + "/video?pwd=" + MARKER))
            .put("snapshot_url", http + "/snapshot.cgi?user=admin&pwd=" + MARKER)
            .encode());
    bodies.add(
        new JsonObject(camera("fields http", http + "/auth/video"))
            .put("username", "u" + MARKER)
            .put("password", MARKER)
            .encode());
    bodies.add(
        new JsonObject(camera("fields rtsp", rtsp + "/fields"))
            .put("username", "u" + MARKER)
            .put("password", MARKER)
            .encode());
    List<String> ids = new ArrayList<>();
    for (String body : bodies) {
      ids.add(created(hub.post(CamerasApi.PATH, hub.ownerToken, body), answers));
    }
    return ids;
  }

  /** Each peer got its secret: the hub still connects with it. */
  private static void assertCamerasGotTheirSecrets() {
    for (String form : FORMS) {
      assertTrue(
          peers.requests.stream().anyMatch(r -> r.contains(form + "=" + MARKER)),
          form + " never reached the camera: " + peers.requests);
    }
    assertTrue(
        peers.requests.contains("HTTP /snapshot.cgi?user=admin&pwd=" + MARKER),
        peers.requests.toString());
  }

  private static String session(String id, String format, String token) throws Exception {
    return hub.post(path(id) + "/sessions", token, new JsonObject().put("format", format).encode())
        .body();
  }

  private static String camera(String name, String url) {
    return new JsonObject().put("name", name).put("url", url).encode();
  }

  private static String created(HttpResponse<String> made, List<String> answers) {
    assertEquals(201, made.statusCode(), made.body());
    answers.add(made.body());
    return new JsonObject(made.body()).getString("id");
  }

  private static String ok(HttpResponse<String> answer) {
    assertEquals(200, answer.statusCode(), answer.body());
    return answer.body();
  }

  private static String path(String id) {
    return CamerasApi.PATH + "/" + id;
  }

  /** Every captured log line at DEBUG and above, with its exception messages and causes. */
  private static List<String> logLines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : logs.list) {
      StringBuilder line = new StringBuilder(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      lines.add(line.toString());
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains("offline")), "no error path logged");
    return lines;
  }

  private static String urlColumns() throws Exception {
    StringBuilder all = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hearth.db"));
        Statement statement = c.createStatement();
        ResultSet rows = statement.executeQuery("SELECT url, snapshot_url FROM camera")) {
      while (rows.next()) {
        all.append(rows.getString(1)).append(' ').append(rows.getString(2)).append('\n');
      }
    }
    return all.toString();
  }
}
