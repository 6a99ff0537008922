package io.hearth.api.mqtt;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * The flow {@link NodeRedFlowTest} deploys, as Node-RED's editor would export it: a TLS
 * configuration with the hub's CA (server certificate verified), an MQTT broker on the hub's TLS
 * port with the automation token as password, subscriptions to the thermometer's readable topic, to
 * every motion topic and to the lamp's switch, an HTTP request to the REST API with the token as
 * bearer, whose answer triggers {@code .../switch/set ON}; and {@code GET /reading}, which answers
 * what the flow has kept.
 */
final class NodeRedFlow {
  private static final String TAB = "hearth-tab";

  private NodeRedFlow() {}

  static JsonArray of(
      Path ca,
      int mqttTlsPort,
      String token,
      String apiOrigin,
      String temperatureTopic,
      String thermometer,
      String lampLevel) {
    JsonArray flow = new JsonArray();
    flow.add(new JsonObject().put("id", TAB).put("type", "tab").put("label", "Hearth"));
    flow.add(tls(ca));
    flow.add(broker(mqttTlsPort, token));
    flow.add(mqttIn("temp-in", temperatureTopic, "keep-temp"));
    flow.add(
        function(
            "keep-temp",
            "flow.set('temperature', {topic: msg.topic, value: msg.payload}); return null;",
            null));
    flow.add(mqttIn("motion-in", "hearth/+/motion", "keep-motion"));
    flow.add(
        function(
            "keep-motion",
            "flow.set('motion', (flow.get('motion') || []).concat([msg.topic])); return null;",
            null));
    flow.add(
        mqttIn(
            "lamp-in",
            "hearth/" + lampLevel.substring("hearth/".length()) + "/switch",
            "keep-lamp"));
    flow.add(function("keep-lamp", "flow.set('lamp', msg.payload); return null;", null));
    flow.add(
        node("go", "inject")
            .put("once", true)
            .put("onceDelay", "1")
            .put("repeat", "")
            .put("topic", "")
            .put("props", new JsonArray().add(new JsonObject().put("p", "payload")))
            .put("payload", "")
            .put("payloadType", "date")
            .put("wires", wires("ask")));
    flow.add(
        function(
            "ask",
            "msg.url = "
                + quoted(apiOrigin + "/api/v1/devices/" + thermometer)
                + ";"
                + " msg.headers = {Authorization: 'Bearer ' + "
                + quoted(token)
                + "};"
                + " msg.payload = ''; return msg;",
            "rest"));
    flow.add(
        node("rest", "http request")
            .put("method", "GET")
            .put("ret", "obj")
            .put("paytoqs", "ignore")
            .put("url", "")
            .put("tls", "hub-tls")
            .put("persist", false)
            .put("proxy", "")
            .put("authType", "")
            .put("senderr", false)
            .put("headers", new JsonArray())
            .put("wires", wires("after-rest")));
    flow.add(
        function(
            "after-rest",
            "flow.set('rest', {status: msg.statusCode, body: msg.payload});"
                + " if (msg.statusCode !== 200) { return null; }"
                + " return {topic: "
                + quoted(lampLevel + "/switch/set")
                + ", payload: 'ON', qos: 1};",
            "lamp-set"));
    flow.add(
        node("lamp-set", "mqtt out")
            .put("topic", "")
            .put("qos", "1")
            .put("retain", "false")
            .put("broker", "hub-mqtt")
            .put("wires", new JsonArray()));
    flow.add(
        node("reading-in", "http in")
            .put("url", "/reading")
            .put("method", "get")
            .put("upload", false)
            .put("wires", wires("reading")));
    flow.add(
        function(
            "reading",
            "msg.payload = {temperature: flow.get('temperature') || null,"
                + " motion: flow.get('motion') || [], lamp: flow.get('lamp'),"
                + " rest: flow.get('rest') || null}; return msg;",
            "reading-out"));
    flow.add(
        node("reading-out", "http response")
            .put("statusCode", "")
            .put("headers", new JsonObject())
            .put("wires", new JsonArray()));
    return flow;
  }

  private static JsonObject tls(Path ca) {
    return new JsonObject()
        .put("id", "hub-tls")
        .put("type", "tls-config")
        .put("name", "Hearth CA")
        .put("cert", "")
        .put("key", "")
        .put("ca", ca.toAbsolutePath().toString())
        .put("certname", "")
        .put("keyname", "")
        .put("caname", "")
        .put("servername", "")
        .put("verifyservercert", true)
        .put("alpnprotocol", "");
  }

  private static JsonObject broker(int port, String token) {
    return new JsonObject()
        .put("id", "hub-mqtt")
        .put("type", "mqtt-broker")
        .put("name", "Hearth")
        .put("broker", "127.0.0.1")
        .put("port", String.valueOf(port))
        .put("tls", "hub-tls")
        .put("usetls", true)
        .put("clientid", "node-red-flow")
        .put("autoConnect", true)
        .put("protocolVersion", "4")
        .put("keepalive", "30")
        .put("cleansession", true)
        .put("credentials", new JsonObject().put("user", "node-red").put("password", token));
  }

  private static JsonObject mqttIn(String id, String topic, String next) {
    return node(id, "mqtt in")
        .put("topic", topic)
        .put("qos", "1")
        .put("datatype", "auto-detect")
        .put("broker", "hub-mqtt")
        .put("nl", false)
        .put("rap", true)
        .put("rh", 0)
        .put("inputs", 0)
        .put("wires", wires(next));
  }

  private static JsonObject function(String id, String body, String next) {
    return node(id, "function")
        .put("func", body)
        .put("outputs", 1)
        .put("timeout", 0)
        .put("noerr", 0)
        .put("initialize", "")
        .put("finalize", "")
        .put("libs", new JsonArray())
        .put("wires", next == null ? new JsonArray().add(new JsonArray()) : wires(next));
  }

  /** A node on the tab; x and y are what tell Node-RED it is a flow node, not a config node. */
  private static JsonObject node(String id, String type) {
    return new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("z", TAB)
        .put("name", id)
        .put("x", 200)
        .put("y", 40 + Math.floorMod(id.hashCode(), 800));
  }

  private static JsonArray wires(String next) {
    return new JsonArray().add(new JsonArray().add(next));
  }

  private static String quoted(String text) {
    return new JsonArray().add(text).encode().replaceAll("^\\[|\\]$", "");
  }
}
