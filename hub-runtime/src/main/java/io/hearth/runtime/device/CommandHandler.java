package io.hearth.runtime.device;

import io.vertx.core.Future;

/**
 * What a sensor adapter registers to carry commands to its devices: succeeds once the command is
 * sent (or queued durably for a reconnect), fails with a HubException saying why otherwise. A
 * command is never silently dropped.
 */
@FunctionalInterface
public interface CommandHandler {
  Future<Void> execute(SensorDevice device, Capability capability, Object value);
}
