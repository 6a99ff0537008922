package io.hearth.api;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.net.Listener;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.store.StoreTimings;
import io.hearth.runtime.stream.FeedStats;
import io.vertx.core.Future;
import java.util.Map;

/**
 * The hub's metrics in Prometheus's text format: streams and their sessions, frames, misroutes,
 * device events, broker clients and connections, the store's timings, then the JVM's ({@link
 * JvmMetrics}). Every value is read at scrape time from the counters the hub keeps anyway; nothing
 * here counts on its own. Counters only grow for the life of the process.
 */
final class Metrics {
  private final ModuleContext hub;

  Metrics(ModuleContext hub) {
    this.hub = hub;
  }

  Future<String> scrape() {
    return hub.cameras()
        .list()
        .map(
            cameras -> {
              PromText out = new PromText();
              hubInfo(out, cameras.size());
              streams(out, cameras.stream().map(c -> hub.switchboard().status(c.id())).toList());
              events(out);
              connections(out);
              store(out, hub.operations().storeTimings());
              JvmMetrics.write(out);
              return out.toString();
            });
  }

  private void hubInfo(PromText out, int cameras) {
    out.family("hearth_build_info", "gauge", "The hub's version (value always 1)")
        .sample("hearth_build_info", 1, "version", hub.version());
    out.gauge(
        "hearth_uptime_seconds",
        "Seconds since this hub process started",
        (System.currentTimeMillis() - hub.startedAt()) / 1000.0);
    out.gauge("hearth_cameras", "Cameras configured", cameras);
  }

  private void streams(PromText out, java.util.List<CameraStatus> statuses) {
    out.family("hearth_cameras_by_state", "gauge", "Configured cameras by their current state");
    for (CameraStatus.State state : CameraStatus.State.values()) {
      long n = statuses.stream().filter(s -> s.state() == state).count();
      out.sample("hearth_cameras_by_state", n, "state", state.name().toLowerCase());
    }
    FeedStats all = hub.switchboard().totals();
    int[] feeds = hub.switchboard().feedsOpenAndOnline();
    out.gauge(
        "hearth_streams_open", "Camera upstreams open now (one per watched camera)", feeds[0]);
    out.gauge("hearth_stream_viewers", "Viewers attached to camera upstreams now", all.viewers());
    out.gauge(
        "hearth_stream_sessions_open",
        "Stream sessions attached now (live or playback)",
        hub.sessions().openCount());
    long[] playback = hub.recordings().playbackMemory();
    out.gauge(
        "hearth_playback_memory_bytes",
        "Bytes of decrypted recordings that playbacks hold now (past the limit, viewers wait)",
        playback[0]);
    out.gauge(
        "hearth_playback_memory_limit_bytes",
        "The playbacks' memory budget (recording.playback-memory-mb)",
        playback[2]);
    out.counter("hearth_frames_received_total", "Frames received from cameras", all.framesIn());
    out.counter("hearth_frames_delivered_total", "Frames handed to viewers", all.framesDelivered());
    out.counter(
        "hearth_frames_skipped_total", "Frames skipped for slow viewers", all.framesSkipped());
    out.counter(
        "hearth_frames_misrouted_total",
        "Frames dropped because they reached another camera's path (a bug; each is logged)",
        hub.switchboard().misroutedFrames());
    out.counter("hearth_upstream_connects_total", "Connections made to cameras", all.connects());
  }

  private void events(PromText out) {
    out.counter(
        "hearth_device_events_total",
        "Device events accepted (rate() of it is events per second)",
        hub.devices().events().appended());
    out.counter(
        "hearth_device_events_dropped_total",
        "Device events dropped because the event queue was full",
        hub.devices().events().dropped());
  }

  private void connections(PromText out) {
    out.gauge(
        "hearth_broker_clients", "MQTT clients connected to the hub's broker", brokerClients(hub));
    Map<String, Listener.Counts> counts = hub.connections().counts();
    listenerFamily(out, counts, "open", "gauge", "Connections open now per listener");
    listenerFamily(out, counts, "accepted_total", "counter", "Connections admitted per listener");
    listenerFamily(out, counts, "refused_total", "counter", "Connections refused at a limit");
    listenerFamily(out, counts, "timed_out_total", "counter", "Connections closed for slowness");
  }

  private static void listenerFamily(
      PromText out, Map<String, Listener.Counts> counts, String what, String type, String help) {
    String name = "hearth_connections_" + what;
    out.family(name, type, help);
    counts.forEach(
        (listener, c) -> {
          double value =
              switch (what) {
                case "open" -> c.open();
                case "accepted_total" -> c.accepted();
                case "refused_total" -> c.refused();
                default -> c.timedOut();
              };
          out.sample(name, value, "listener", listener.replace('-', '_'));
        });
  }

  private static void store(PromText out, StoreTimings timings) {
    histogram(
        out,
        "hearth_store_wait_seconds",
        "Time store work waited for a storage thread",
        timings,
        true);
    histogram(
        out,
        "hearth_store_query_seconds",
        "Time store work ran (statements and commit)",
        timings,
        false);
    out.family("hearth_store_failures_total", "counter", "Store work that failed");
    for (StoreTimings.Kind kind : StoreTimings.Kind.values()) {
      out.sample("hearth_store_failures_total", timings.failures(kind), "kind", kind(kind));
    }
  }

  private static void histogram(
      PromText out, String name, String help, StoreTimings timings, boolean waits) {
    out.family(name, "histogram", help);
    for (StoreTimings.Kind kind : StoreTimings.Kind.values()) {
      StoreTimings.Histogram h = waits ? timings.waited(kind) : timings.ran(kind);
      for (int i = 0; i < StoreTimings.BOUNDS.length; i++) {
        out.sample(
            name + "_bucket",
            h.cumulative(i),
            "kind",
            kind(kind),
            "le",
            PromText.bound(StoreTimings.BOUNDS[i]));
      }
      long count = h.count();
      out.sample(name + "_bucket", count, "kind", kind(kind), "le", "+Inf");
      out.sample(name + "_sum", h.sumSeconds(), "kind", kind(kind));
      out.sample(name + "_count", count, "kind", kind(kind));
    }
  }

  private static String kind(StoreTimings.Kind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Connections open on the broker's listeners (plain and TLS) now. */
  static long brokerClients(ModuleContext hub) {
    return hub.connections().counts().entrySet().stream()
        .filter(e -> e.getKey().startsWith("mqtt"))
        .mapToLong(e -> e.getValue().open())
        .sum();
  }
}
