package io.hearth.api;

import io.hearth.api.mqtt.MqttBrokerSettings;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * The state of each part of the hub, for {@code GET /api/v1/health}: the database (a probe read
 * through the store, with its time), the MQTT broker, the running modules, the cameras (online of
 * total) and the event queue. Each is {@code up}, {@code degraded}, {@code down} or {@code off}
 * (not configured to run); the hub's overall status is the worst of them: {@code down} when the
 * database cannot answer (nothing works then), {@code degraded} when anything else is wrong.
 */
final class HealthChecks {
  static final String UP = "up";
  static final String DEGRADED = "degraded";
  static final String DOWN = "down";
  static final String OFF = "off";
  private static final long PROBE_LIMIT_MS = 2000;

  private final ModuleContext hub;

  HealthChecks(ModuleContext hub) {
    this.hub = hub;
  }

  /** Every component's state; never fails (a failed check is that component down). */
  Future<JsonObject> components() {
    JsonObject all = new JsonObject();
    return database()
        .compose(
            db -> {
              all.put("database", db);
              all.put("broker", broker());
              all.put("modules", modules());
              all.put("events", events());
              all.put("streams", streams());
              return cameras(DOWN.equals(db.getString("state")));
            })
        .map(cameras -> all.put("cameras", cameras));
  }

  /** The worst state among the components: down if the database is, degraded if any other is. */
  static String overall(JsonObject components) {
    if (DOWN.equals(components.getJsonObject("database").getString("state"))) {
      return DOWN;
    }
    for (String name : components.fieldNames()) {
      String state = components.getJsonObject(name).getString("state");
      if (DOWN.equals(state) || DEGRADED.equals(state)) {
        return DEGRADED;
      }
    }
    return UP;
  }

  private Future<JsonObject> database() {
    long started = System.nanoTime();
    return hub.operations()
        .probeStore()
        .timeout(PROBE_LIMIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .map(v -> state(UP).put("probe_ms", (System.nanoTime() - started) / 1_000_000))
        .otherwise(e -> state(DOWN).put("reason", "the store did not answer a probe read"));
  }

  private JsonObject broker() {
    String mode = hub.config(MqttBrokerSettings.MODE).toLowerCase(Locale.ROOT);
    if (!"embedded".equals(mode)) {
      return state(OFF).put("mode", mode);
    }
    boolean bound = hub.ports().containsKey(MqttBrokerSettings.PORT.name());
    return state(bound ? UP : DOWN).put("mode", mode).put("clients", Metrics.brokerClients(hub));
  }

  private JsonObject modules() {
    List<String> running = hub.operations().modules();
    return state(running.isEmpty() ? DOWN : UP).put("running", new JsonArray(running));
  }

  private JsonObject events() {
    long dropped = hub.devices().events().dropped();
    return state(dropped == 0 ? UP : DEGRADED).put("dropped", dropped);
  }

  /** A frame that reached another camera's path is a bug in the hub: degraded until restart. */
  private JsonObject streams() {
    long misrouted = hub.switchboard().misroutedFrames();
    return state(misrouted == 0 ? UP : DEGRADED)
        .put("sessions", hub.sessions().openCount())
        .put("misrouted_frames", misrouted);
  }

  private Future<JsonObject> cameras(boolean storeDown) {
    if (storeDown) {
      return Future.succeededFuture(state(DOWN).put("reason", "the store is down"));
    }
    return hub.cameras()
        .list()
        .map(this::cameraCounts)
        .otherwise(e -> state(DOWN).put("reason", "the camera list could not be read"));
  }

  /** Offline cameras (watched, and failing) make the hub degraded; idle ones are fine. */
  private JsonObject cameraCounts(List<Camera> cameras) {
    int[] byState = new int[CameraStatus.State.values().length];
    cameras.forEach(c -> byState[hub.switchboard().status(c.id()).state().ordinal()]++);
    int offline = byState[CameraStatus.State.OFFLINE.ordinal()];
    return state(offline == 0 ? UP : DEGRADED)
        .put("total", cameras.size())
        .put("online", byState[CameraStatus.State.ONLINE.ordinal()])
        .put("connecting", byState[CameraStatus.State.CONNECTING.ordinal()])
        .put("offline", offline)
        .put("idle", byState[CameraStatus.State.IDLE.ordinal()]);
  }

  private static JsonObject state(String state) {
    return new JsonObject().put("state", state);
  }
}
