package io.hearth.runtime.demo;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Simulated sensors for {@code hearth demo}: a thermometer, a motion sensor and a dimmable lamp
 * (which obeys commands), so the API, the event feeds and the MQTT topics have data to show. Off
 * unless the demo turns it on.
 */
public final class DemoSensors implements HubModule {
  static final String PROTOCOL = "demo";
  static final long TICK_MS = 2000;

  private final Random random = new Random();
  private ModuleContext hub;
  private long timer = -1;
  private double temperature = 21.0;

  @Override
  public String name() {
    return "demo-sensors";
  }

  @Override
  public String description() {
    return "simulated sensors for hearth demo: temperature, motion and a dimmable lamp";
  }

  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public List<String> demoSettings() {
    return List.of("demo-sensors.enabled=true");
  }

  @Override
  public Future<Void> start(ModuleContext context) {
    hub = context;
    Devices devices = context.devices();
    devices.registerCommands(
        PROTOCOL,
        (device, capability, value) -> {
          devices.report(device.id(), capability, value, System.currentTimeMillis());
          return Future.succeededFuture();
        });
    return Future.all(
            devices.ensure(
                PROTOCOL,
                "demo:thermometer",
                "Living room thermometer",
                Set.of(Capability.TEMPERATURE, Capability.HUMIDITY)),
            devices.ensure(
                PROTOCOL,
                "demo:motion",
                "Hall motion sensor",
                Set.of(Capability.MOTION, Capability.BATTERY)),
            devices.ensure(
                PROTOCOL, "demo:lamp", "Desk lamp", Set.of(Capability.SWITCH, Capability.DIMMER)))
        .map(
            all -> {
              List<SensorDevice> made = all.list();
              long now = System.currentTimeMillis();
              devices.report(made.get(2).id(), Capability.SWITCH, false, now);
              devices.report(made.get(2).id(), Capability.DIMMER, 100.0, now);
              timer = context.vertx().setPeriodic(TICK_MS, id -> tick(made.get(0), made.get(1)));
              return null;
            });
  }

  private void tick(SensorDevice thermometer, SensorDevice motion) {
    long now = System.currentTimeMillis();
    temperature = Math.max(15, Math.min(28, temperature + (random.nextDouble() - 0.5) * 0.4));
    Devices devices = hub.devices();
    devices.report(
        thermometer.id(), Capability.TEMPERATURE, Math.round(temperature * 10) / 10.0, now);
    devices.report(thermometer.id(), Capability.HUMIDITY, 40.0 + random.nextInt(10), now);
    devices.report(motion.id(), Capability.MOTION, random.nextInt(5) == 0, now);
    devices.report(motion.id(), Capability.BATTERY, 87.0, now);
  }

  @Override
  public Future<Void> stop() {
    if (hub != null) {
      hub.vertx().cancelTimer(timer);
      hub.devices().unregisterCommands(PROTOCOL);
    }
    return Future.succeededFuture();
  }
}
