package io.hearth.adapters.mqtt;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/** Paho connect options from our settings: clean session, our own reconnects, no Paho buffer. */
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
    if (!settings.username().isEmpty()) {
      options.setUserName(settings.username());
    }
    if (!settings.password().isEmpty()) {
      options.setPassword(settings.password().toCharArray());
    }
    return options;
  }
}
