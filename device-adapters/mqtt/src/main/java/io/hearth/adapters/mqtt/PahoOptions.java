package io.hearth.adapters.mqtt;

import io.hearth.runtime.spi.BusAddresses;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * Paho connect options from our settings: clean session, our own reconnects, no Paho buffer, and
 * the hub's {@code offline} word as last will.
 */
final class PahoOptions {
  private PahoOptions() {}

  static MqttConnectOptions from(MqttSettings settings) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    // Reconnects are ours (jittered backoff, resubscribe, flush the command queue).
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(10);
    options.setKeepAliveInterval(30);
    options.setMaxInflight(1000);
    // Should the hub vanish, whoever watches the external broker (Home Assistant) learns it.
    options.setWill(
        BusAddresses.HUB_STATUS_TOPIC, "offline".getBytes(StandardCharsets.UTF_8), 1, true);
    if (!settings.username().isEmpty()) {
      options.setUserName(settings.username());
    }
    if (!settings.password().isEmpty()) {
      options.setPassword(settings.password().toCharArray());
    }
    return options;
  }
}
