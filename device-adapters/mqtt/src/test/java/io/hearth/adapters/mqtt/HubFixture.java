package io.hearth.adapters.mqtt;

import io.hearth.runtime.Hub;
import io.hearth.runtime.ModuleCatalog;
import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.testing.Await;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** A real hub with the MQTT module, and bounded waits on what it stores. */
final class HubFixture implements AutoCloseable {
  static final Principal OWNER = new Principal(PrincipalKind.MEMBER, "mem_x", "O", Role.OWNER, "t");

  final MqttModule module = new MqttModule();
  final Hub hub;

  HubFixture(Path data, String... settings) {
    ModuleCatalog catalog = new ModuleCatalog(List.of(module));
    List<String> overrides = new ArrayList<>(List.of("hub.data-dir=" + data));
    overrides.addAll(List.of(settings));
    HubConfig config = new ConfigLoader(catalog.configKeys()).overrides(overrides).build();
    hub = Hub.start(config, catalog);
  }

  Devices devices() {
    return hub.context().devices();
  }

  MqttBridge bridge() {
    return module.bridge();
  }

  /** The device at this address, once it is registered. */
  SensorDevice awaitDevice(String address) throws Exception {
    return until(() -> find(address), "device " + address);
  }

  Optional<SensorDevice> find(String address) throws Exception {
    return Await.get(devices().list()).stream()
        .filter(d -> d.address().equals(address))
        .findFirst();
  }

  /** The stored state of a capability, once it equals the expected value. */
  Object awaitState(String deviceId, Capability capability, Object expected) throws Exception {
    return until(
        () -> state(deviceId, capability).filter(expected::equals), capability + "=" + expected);
  }

  Optional<Object> state(String deviceId, Capability capability) throws Exception {
    for (DeviceEvent e : Await.get(devices().events().state(deviceId))) {
      if (e.capability() == capability) {
        return Optional.ofNullable(e.value());
      }
    }
    return Optional.empty();
  }

  void awaitConnected(boolean connected) throws Exception {
    until(() -> bridge().connected() == connected ? Optional.of(true) : Optional.empty(), "link");
  }

  /** Polls every 50 ms for up to 15 s. */
  static <T> T until(Callable<Optional<T>> probe, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      Optional<T> found = probe.call();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  @Override
  public void close() {
    hub.stop();
  }
}
