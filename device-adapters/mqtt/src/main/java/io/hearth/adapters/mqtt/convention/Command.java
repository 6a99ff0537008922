package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import java.util.Objects;

/**
 * An instruction for one device: set a capability to a value (SWITCH takes a Boolean, DIMMER a
 * Number from 0 to 100). A convention turns it into an {@link OutboundMessage}.
 */
public record Command(String deviceKey, Capability capability, Object value) {

  public Command {
    Objects.requireNonNull(deviceKey, "deviceKey");
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(value, "value");
  }
}
