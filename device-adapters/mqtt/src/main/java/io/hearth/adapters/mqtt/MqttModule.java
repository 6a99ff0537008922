package io.hearth.adapters.mqtt;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.discovery.Sighting;
import io.hearth.runtime.spi.BusAddresses;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The MQTT sensor adapter: reads zigbee2mqtt, Tasmota, Home Assistant discovery and Shelly Gen2
 * devices from an existing broker (the {@code mqtt} section, {@link MqttSettings}) through an
 * {@link MqttBridge}, and carries commands for protocol {@code mqtt}. Start returns at once; the
 * connection is made, and remade, in the background.
 */
public final class MqttModule implements HubModule {
  private final MqttBridge.LinkFactory links;
  private MqttBridge.LinkFactory checked; // links behind the egress ledger, once started
  private Context context;
  private Devices devices;
  private Inbox inbox;
  private volatile MqttBridge bridge;
  private HubLink hubLink;
  private MessageConsumer<JsonObject> removals;

  public MqttModule() {
    this(PahoMqttLink::new);
  }

  /** A module whose links come from this factory (another MQTT client library, say). */
  public MqttModule(MqttBridge.LinkFactory links) {
    this.links = links;
  }

  @Override
  public String name() {
    return "mqtt";
  }

  @Override
  public String description() {
    return "MQTT sensors and switches: zigbee2mqtt, Tasmota, Home Assistant discovery, Shelly Gen2";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return MqttSettings.keys();
  }

  @Override
  public Future<Void> start(ModuleContext hub) {
    try {
      MqttSettings settings = MqttSettings.from(hub.config());
      context = hub.vertx().getOrCreateContext();
      devices = hub.devices();
      inbox = hub.inbox();
      checked = EgressCheckedLink.around(links, hub.egress());
      bridge = new MqttBridge(context, devices, settings, checked);
      bridge.onDeviceRegistered(listInInbox(settings));
      devices.registerCommands(DeviceFeed.PROTOCOL, (d, c, v) -> bridge.execute(d, c, v));
      removals =
          hub.vertx()
              .eventBus()
              .<JsonObject>localConsumer(
                  BusAddresses.DEVICE_REMOVED,
                  m -> {
                    if (DeviceFeed.PROTOCOL.equals(m.body().getString("protocol"))) {
                      bridge.forget(m.body().getString("address"));
                    }
                  });
      if (settings.hasBroker()) {
        hubLink = new HubLink(hub.vertx(), () -> bridge);
        hubLink.attach(bridge);
      }
      return bridge.start();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Devices that publish through the broker are the owner's already (they hold a token the owner
   * issued, or sit on a broker the owner configured): the inbox lists them as adopted.
   */
  private DeviceFeed.Registered listInInbox(MqttSettings settings) {
    String where = "the hub's own broker";
    if (settings.hasBroker()) {
      java.net.URI broker = java.net.URI.create(settings.url());
      where = broker.getHost() + (broker.getPort() > 0 ? ":" + broker.getPort() : "");
    }
    String address = where;
    return (key, name, deviceId) -> {
      int colon = key.indexOf(':');
      inbox.recordKnown(
          new Sighting(
              DeviceFeed.PROTOCOL,
              key,
              Sighting.SENSOR,
              name,
              address,
              Map.of("convention", colon > 0 ? key.substring(0, colon) : "mqtt"),
              true),
          deviceId);
    };
  }

  @Override
  public Future<Void> stop() {
    if (bridge == null) {
      return Future.succeededFuture();
    }
    devices.unregisterCommands(DeviceFeed.PROTOCOL);
    if (removals != null) {
      removals.unregister();
    }
    if (hubLink != null) {
      hubLink.close();
    }
    return bridge.stop();
  }

  /**
   * Replaces the running bridge with one for these settings; commands still queued for the old
   * broker move to the new one, ahead of newer ones. Fails if the module is not started.
   */
  public Future<Void> reconfigure(MqttSettings settings) {
    MqttBridge old = bridge;
    if (old == null) {
      return Future.failedFuture(new IllegalStateException("the mqtt module is not started"));
    }
    MqttBridge fresh;
    try {
      fresh = new MqttBridge(context, devices, settings, checked);
      fresh.onDeviceRegistered(listInInbox(settings));
      if (hubLink != null) {
        hubLink.attach(fresh);
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    // New commands go to the new bridge at once (queued until it connects), so none is stranded.
    bridge = fresh;
    return old.stop()
        .compose(v -> old.takeQueued())
        .compose(fresh::carry)
        .compose(v -> fresh.start());
  }

  /** The running bridge, where the hub's own broker hands in its messages; null before start. */
  public MqttBridge bridge() {
    return bridge;
  }
}
