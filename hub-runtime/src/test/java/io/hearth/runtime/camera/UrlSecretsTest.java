package io.hearth.runtime.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlSecretsTest {
  private static final String M = "s3cr%26t";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user",
        "password",
        "PWD",
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
        "loginpas",
        "x_auth_code",
        "camPassword",
        "access_token",
        "api%5Fkey"
      })
  void everySecretNameIsSplitOutAndPutBack(String name) {
    URI given =
        URI.create("http://cam.local:81/video.cgi?resolution=32&" + name + "=" + M + "&x=1");

    Camera camera = new Camera("cam_1", "c", given, null, null);

    assertFalse(camera.url().toString().contains(M), camera.url().toString());
    assertEquals(
        "http://cam.local:81/video.cgi?resolution=32&" + name + "=***&x=1",
        camera.url().toString());
    assertEquals(given, camera.connectUrl());
    assertTrue(camera.hasCredentials());
    assertFalse(camera.toJson().encode().contains(M));
    assertFalse(camera.toString().contains(M));
    assertFalse(camera.secrets().toString().contains(M));
  }

  @Test
  void ordinaryParametersAndEmptyValuesStay() {
    URI given = URI.create("rtsp://cam/stream?channel=1&subtype=0&password=&user");

    Camera camera = new Camera("cam_1", "c", given, null, null);

    assertEquals(given, camera.url());
    assertFalse(camera.hasCredentials());
  }

  @Test
  void repeatedNamesAndFragmentsRoundTrip() {
    URI given = URI.create("http://cam/a?pwd=one&pwd=two&q=3#frag");

    UrlSecrets.Split split = UrlSecrets.split(given);

    assertEquals("http://cam/a?pwd=***&pwd=***&q=3#frag", split.url().toString());
    assertEquals(Map.of("pwd", "one", "pwd#2", "two"), split.values());
    assertEquals(given, UrlSecrets.fill(split.url(), split.values()));
  }

  @Test
  void userInfoBecomesCredentialsAndLeavesTheUrl() {
    Camera camera =
        new Camera("cam_1", "c", URI.create("rtsp://admin:p%40ss@cam:554/live?pass=x"), null, null);

    assertEquals("rtsp://cam:554/live?pass=***", camera.url().toString());
    assertEquals(new Camera.Credentials("admin", "p@ss"), camera.credentials());
    assertEquals("rtsp://cam:554/live?pass=x", camera.connectUrl().toString());
    assertFalse(camera.credentials().toString().contains("p@ss"));
  }

  @Test
  void snapshotSecretsAreKeptApartFromTheStreamsOnes() {
    Camera camera =
        new Camera(
            "cam_1",
            "c",
            URI.create("http://cam/v?pwd=stream"),
            URI.create("http://cam/s?pwd=still"),
            null);

    assertEquals("http://cam/v?pwd=stream", camera.connectUrl().toString());
    assertEquals("http://cam/s?pwd=still", camera.connectSnapshotUrl().toString());
    assertEquals("http://cam/s?pwd=***", camera.snapshotUrl().toString());
    assertNull(new Camera("cam_2", "c", URI.create("http://x/"), null, null).connectSnapshotUrl());
  }

  @Test
  void redactMasksUrlsRequestTargetsAndMessagesQuotingThem() {
    assertEquals(
        "GET /cgi?loginuse=*** &loginpas=*** failed",
        UrlSecrets.redact("GET /cgi?loginuse=admin &loginpas=hunter2 failed"));
    assertEquals(
        "timeout for rtsp://cam/x?token=*** at cam",
        UrlSecrets.redact("timeout for rtsp://u:p@cam/x?token=abc at cam"));
    assertEquals("no secret here: cam:554", UrlSecrets.redact("no secret here: cam:554"));
  }
}
