package io.hearth.adapters.rtsp.restream;

import io.hearth.runtime.net.Listener;
import io.hearth.runtime.session.Restreams;
import io.hearth.runtime.spi.ModuleContext;

/** What every connection of one re-stream listener shares: the hub, its sessions, its limits. */
record RestreamContext(ModuleContext hub, Restreams restreams, Listener listener, boolean tls) {
  long startTimeoutMs() {
    return hub.config(RestreamSettings.START_TIMEOUT_SECONDS) * 1000L;
  }
}
