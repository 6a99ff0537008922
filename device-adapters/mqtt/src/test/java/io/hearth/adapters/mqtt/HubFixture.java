package io.hearth.adapters.mqtt;

import io.hearth.runtime.Hub;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.TestHubs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** A real hub with the MQTT module, and bounded waits on what it stores. */
final class HubFixture implements AutoCloseable {
  static final Principal OWNER = new Principal(PrincipalKind.MEMBER, "mem_x", "O", Role.OWNER, "t");

  final MqttModule module = new MqttModule();
  final Hub hub;

  HubFixture(Path data, String... settings) {
    hub = TestHubs.builder().module(module).dataDir(data).overrides(settings).start().hub();
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
    return Eventually.value(Duration.ofSeconds(15), what, () -> probe.call().orElse(null));
  }

  @Override
  public void close() {
    hub.stop();
  }
}
