// Drives the npm `mqtt` client through one scenario against one broker and prints what it saw as
// JSON, for MqttConformanceTest (local-api). Usage:
//   node driver.mjs <scenario> <port> <password> <protocolVersion 4|5>
// Every wait is bounded; the process exits non-zero on an error.
import mqtt from "mqtt";

const [scenario, port, password, version] = process.argv.slice(2);
const base = {
  host: "127.0.0.1",
  port: Number(port),
  username: "conformance",
  password,
  protocolVersion: Number(version),
  reconnectPeriod: 0,
  connectTimeout: 5000,
};

function connect(clientId, extra = {}) {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect({ ...base, clientId, ...extra });
    client.once("connect", (connack) => resolve({ client, connack }));
    client.once("error", reject);
  });
}

function collect(client, count, ms = 5000, tail = 300) {
  return new Promise((resolve) => {
    const got = [];
    const done = () => resolve(got);
    const timer = setTimeout(done, ms);
    client.on("message", (topic, payload, packet) => {
      got.push(`${topic} ${payload.toString()} q${packet.qos} r${packet.retain ? 1 : 0}`);
      if (got.length === count) {
        clearTimeout(timer);
        setTimeout(done, tail); // anything extra in the next moment shows up too
      }
    });
  });
}

const scenarios = {
  // MQTT 5 topic aliases: set alias 1 with a topic, then publish on the alias alone.
  async alias() {
    const { client: sub } = await connect("alias-sub");
    await sub.subscribeAsync("alias/#", { qos: 1 });
    const { client: pub, connack } = await connect("alias-pub");
    const max = connack.properties?.topicAliasMaximum ?? 0;
    const seen = collect(sub, 2);
    await pub.publishAsync("alias/a", "set", { qos: 1, properties: { topicAlias: 1 } });
    await pub.publishAsync("", "used", { qos: 1, properties: { topicAlias: 1 } });
    const got = await seen;
    await pub.endAsync();
    await sub.endAsync();
    return { topicAliasMaximumAtLeast1: max >= 1, got };
  },
  // CONNACK session present, and a QoS 2 round trip, in either protocol version.
  async session() {
    const present = [];
    for (const clean of [true, false, false, true]) {
      const extra = version === "5" ? { clean, properties: { sessionExpiryInterval: clean ? 0 : 300 } } : { clean };
      const { client, connack } = await connect("node-sp", extra);
      present.push(connack.sessionPresent);
      await client.subscribeAsync("nodesp/t", { qos: 2 });
      const seen = collect(client, 1, 5000, 0);
      await client.publishAsync("nodesp/t", "x", { qos: 2 });
      present.push((await seen).join(","));
      await client.endAsync();
    }
    return { present };
  },
};

const timeout = setTimeout(() => {
  console.error("driver: scenario did not finish in 20 s");
  process.exit(2);
}, 20000);
try {
  const result = await scenarios[scenario]();
  console.log(JSON.stringify(result));
  clearTimeout(timeout);
  process.exit(0);
} catch (e) {
  console.error("driver: " + (e && e.message));
  process.exit(1);
}
