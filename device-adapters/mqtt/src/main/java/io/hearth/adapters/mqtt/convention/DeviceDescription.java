package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import java.util.Objects;
import java.util.Set;

/**
 * What a discovery-type message says about a device: its key, names and capabilities.
 *
 * <p>Found devices go to the owner's inbox; nothing described here is trusted until adopted. Empty
 * strings stand for unknown name, manufacturer or model.
 */
public record DeviceDescription(
    String deviceKey,
    String name,
    String manufacturer,
    String model,
    Set<Capability> capabilities,
    String convention) {

  public DeviceDescription {
    Objects.requireNonNull(deviceKey, "deviceKey");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(manufacturer, "manufacturer");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(convention, "convention");
    capabilities = Set.copyOf(capabilities);
  }
}
