package io.hearth.adapters.onvif;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.discovery.DiscoveryInterfaces;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.store.ModuleSchema;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.List;

/**
 * The ONVIF camera adapter: WS-Discovery finds cameras on the interfaces {@code
 * discovery.interfaces} selects and reports them to the inbox; adopting one asks the camera for its
 * RTSP stream through the ONVIF device and media services ({@link OnvifAdopter}); a claimed move of
 * an adopted camera is followed only if the device there proves it is the camera ({@link
 * OnvifMoveCheck}). The stream itself is then the RTSP adapter's.
 */
public final class OnvifModule implements HubModule {
  private WsDiscovery discovery;
  private OnvifClient client;
  private CameraEvents events;
  private NotificationConsumer consumer;

  @Override
  public String name() {
    return "onvif";
  }

  @Override
  public String description() {
    return "ONVIF cameras: WS-Discovery, and adoption through the device and media services";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return OnvifSettings.keys();
  }

  /** What each adopted ONVIF camera said it was at adoption. */
  @Override
  public ModuleSchema schema() {
    return ModuleSchema.of(OnvifModule.class, "001-camera-identity.sql");
  }

  @Override
  public Future<Void> start(ModuleContext context) {
    try {
      OnvifSettings settings = OnvifSettings.from(context.config());
      DiscoveryInterfaces interfaces =
          DiscoveryInterfaces.of(context.config(DiscoveryInterfaces.INTERFACES));
      client = new OnvifClient(context.vertx(), settings, context.egress());
      OnvifIdentities identities = new OnvifIdentities(context.store());
      OnvifEventSettings eventSettings = OnvifEventSettings.from(context.config());
      context
          .inbox()
          .registerAdopter(
              Sightings.PROTOCOL,
              new OnvifAdopter(client, context.cameraAdoption(), identities, this::refreshEvents));
      context
          .cameraFollowing()
          .registerCheck(Sightings.PROTOCOL, new OnvifMoveCheck(client, identities));
      discovery =
          new WsDiscovery(interfaces, settings.probeIntervalSeconds(), context.inbox()::report);
      discovery.start();
      return startEvents(context, settings, eventSettings);
    } catch (IOException | RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Subscribes to adopted cameras' own events, if on; notifications need the hub's endpoint. */
  private Future<Void> startEvents(
      ModuleContext context, OnvifSettings settings, OnvifEventSettings eventSettings) {
    if (!eventSettings.enabled()) {
      return Future.succeededFuture();
    }
    consumer =
        new NotificationConsumer(
            context.vertx(),
            settings.maxResponseBytes(),
            eventSettings.port(),
            port -> context.reportPort(OnvifEventSettings.EVENT_PORT, port));
    var hub = new CameraEvents.Services(context.cameras(), context.inbox(), context.devices());
    events = new CameraEvents(context.vertx(), client, settings, eventSettings, hub, consumer);
    events.start();
    return Future.succeededFuture();
  }

  private void refreshEvents() {
    if (events != null) {
      events.refresh();
    }
  }

  /** Sends a WS-Discovery probe round now; for tests and a future "search now" button. */
  void probe() {
    if (discovery != null) {
      discovery.probe();
    }
  }

  /** WS-Discovery messages refused so far. */
  long refusedMessages() {
    return discovery == null ? 0 : discovery.refused();
  }

  @Override
  public Future<Void> stop() {
    if (discovery == null) {
      return Future.succeededFuture();
    }
    Future<Void> stopped = Future.fromCompletionStage(discovery.stop());
    discovery = null;
    Future<Void> quiet = events == null ? Future.succeededFuture() : events.stop();
    Future<Void> closed = consumer == null ? Future.succeededFuture() : consumer.stop();
    events = null;
    consumer = null;
    return Future.join(stopped, quiet, closed).transform(r -> client.close()).mapEmpty();
  }
}
