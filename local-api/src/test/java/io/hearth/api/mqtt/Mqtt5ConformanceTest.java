package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.api.mqtt.ReferenceBrokers.Target;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.testing.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT 5 conformance with Eclipse Paho's MQTT 5 Java client: session present under clean start and
 * session expiry, message expiry, the properties a broker forwards, and SUBACK reason codes, each
 * against a real mosquitto and then the hub.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Mqtt5ConformanceTest {
  @TempDir static Path dir;
  static ReferenceBrokers brokers;

  @BeforeAll
  static void start() throws Exception {
    brokers = ReferenceBrokers.shared();
  }

  @Test
  void sessionPresentFollowsCleanStartAndSessionExpiry() throws Exception {
    List<Boolean> present = brokers.same("CONNACK session present", this::sessionPresent);
    // new; kept 300 s (new); resumed; clean start (new, kept); resumed, expiring at once; new
    assertEquals(List.of(false, false, true, false, true, false), present);
  }

  private List<Boolean> sessionPresent(Target t) throws Exception {
    List<Boolean> present = new ArrayList<>();
    long[][] steps = {{1, 0}, {0, 300}, {0, 300}, {1, 300}, {0, 0}, {0, 300}};
    for (long[] step : steps) {
      Paho5 c = Paho5.connect(t.url(), "sp-5", t.password(), step[0] == 1, step[1]);
      present.add(c.connected.getSessionPresent());
      c.client.subscribe("sp5/t", 1);
      c.close();
    }
    return present;
  }

  @Test
  void anExpiredMessageIsNotDeliveredAndALiveOneCarriesTheTimeLeft() throws Exception {
    List<String> got = brokers.same("message expiry", this::expiry);
    assertEquals(List.of("long expiry 50..60", "forever expiry none", "-"), got);
  }

  private List<String> expiry(Target t) throws Exception {
    Paho5 away = Paho5.connect(t, "exp-sub", 300);
    away.subscribe("exp/t");
    away.close();
    Paho5 pub = Paho5.connect(t, "exp-pub", 0);
    pub.publish("exp/t", "short", 1, expiring(1));
    pub.publish("exp/t", "long", 1, expiring(60));
    pub.publish("exp/t", "forever", 1, null);
    pub.close();
    // The one wait on a clock here is the point of the check: the 1 s expiry must pass.
    Thread.sleep(2_100);
    Paho5 back = Paho5.connect(t, "exp-sub", 300);
    List<String> got = new ArrayList<>();
    for (MqttMessage m = back.next();
        m != null;
        m = back.received.poll(300, TimeUnit.MILLISECONDS)) {
      Long left = m.getProperties().getMessageExpiryInterval();
      String range = left == null ? "none" : left >= 50 && left <= 60 ? "50..60" : "" + left;
      got.add(new String(m.getPayload(), StandardCharsets.UTF_8) + " expiry " + range);
    }
    got.add("-");
    back.client.disconnect();
    back.close();
    Paho5.connect(t, "exp-sub", 0).close(); // ends the session
    return got;
  }

  private static MqttProperties expiring(long seconds) {
    MqttProperties p = new MqttProperties();
    p.setMessageExpiryInterval(seconds);
    return p;
  }

  @Test
  void userPropertiesContentTypeResponseTopicAndCorrelationDataAreForwarded() throws Exception {
    String got = brokers.same("forwarded properties", this::forwarded);
    assertEquals("text/plain reply/to [99] [k=v, k=w] format 1", got);
  }

  private String forwarded(Target t) throws Exception {
    Paho5 sub = Paho5.connect(t, "props-sub", 0);
    sub.subscribe("props/t");
    Paho5 pub = Paho5.connect(t, "props-pub", 0);
    MqttProperties p = new MqttProperties();
    p.setContentType("text/plain");
    p.setResponseTopic("reply/to");
    p.setCorrelationData(new byte[] {99});
    p.setUserProperties(List.of(new UserProperty("k", "v"), new UserProperty("k", "w")));
    p.setPayloadFormat(true);
    pub.publish("props/t", "x", 1, p);
    MqttMessage m = sub.next();
    pub.close();
    sub.close();
    MqttProperties r = m.getProperties();
    List<String> user =
        r.getUserProperties().stream().map(u -> u.getKey() + "=" + u.getValue()).toList();
    return r.getContentType()
        + " "
        + r.getResponseTopic()
        + " "
        + Arrays.toString(r.getCorrelationData())
        + " "
        + user
        + " format "
        + (r.getPayloadFormat() ? 1 : 0);
  }

  @Test
  void aSubscribeGetsOneReasonCodePerFilterInOrder() throws Exception {
    // A client that may read one device and not another: in mosquitto by its acl_file, in the hub
    // by an automation token's grant. Both answer one SUBACK code per filter, in order, and grant
    // the readable one at QoS 1. For the other, Hearth's rule differs on purpose: mosquitto grants
    // the filter and filters each message later (0x01); the hub refuses it up front with 0x87, so
    // a device learns at once that it lacks an events grant.
    String allowed = "hearth/dev_aaaaaaaaaaaaaaaaaaaa/temp";
    String refused = "hearth/dev_bbbbbbbbbbbbbbbbbbbb/temp";
    String acl = "user limited\ntopic read " + allowed + "\n";
    try (Mosquitto limited =
        Mosquitto.start(Files.createDirectories(dir.resolve("acl")), "limited", "pw", acl)) {
      int[] reference = subackCodes(limited.url(), "pw", allowed, refused);
      String device = brokers.hub.device("dev_aaaaaaaaaaaaaaaaaaaa");
      String token = brokers.hub.tokenWith(device, Scope.EVENTS);
      int[] ours = subackCodes(brokers.hearth.url(), token, allowed, refused);
      assertEquals(List.of(1, 1), Arrays.stream(reference).boxed().toList(), "mosquitto");
      assertEquals(List.of(1, 0x87), Arrays.stream(ours).boxed().toList(), "the hub");
    }
  }

  /**
   * One SUBSCRIBE (QoS 1) of these filters; its SUBACK's codes (the sync client throws on 0x87).
   */
  private static int[] subackCodes(String url, String password, String... filters)
      throws Exception {
    MqttAsyncClient client = new MqttAsyncClient(url, "acl-5", new MemoryPersistence());
    var options = Paho5.options(password, true, 0);
    options.setUserName("limited"); // mosquitto's user; the hub takes any name with a token
    client.connect(options).waitForCompletion(10_000);
    int[] qos = new int[filters.length];
    Arrays.fill(qos, 1);
    IMqttToken token = client.subscribe(filters, qos);
    try {
      token.waitForCompletion(10_000);
    } catch (MqttException refusedFilter) {
      // the codes are on the token all the same
    }
    int[] codes = token.getReasonCodes();
    client.disconnect().waitForCompletion(10_000);
    client.close();
    return codes;
  }

  @Test
  void aSharedSubscriptionIsRefusedWithItsOwnReasonCode() throws Exception {
    // Hearth's rule, not mosquitto's: the hub offers no shared subscriptions (CONNACK says so), and
    // refuses one with 0x9E, where mosquitto grants it.
    Paho5 ref = Paho5.connect(brokers.reference, "share-5", 0);
    assertEquals(1, ref.subscribe("$share/g/share/t")[0], "mosquitto grants it");
    ref.close();
    Paho5 ours = Paho5.connect(brokers.hearth, "share-5", 0);
    assertEquals(false, ours.connected.getResponseProperties().isSharedSubscriptionAvailable());
    assertEquals(0x9E, ours.subscribe("$share/g/share/t")[0]);
    ours.close();
  }
}
