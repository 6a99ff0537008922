package io.hearth.adapters.coap;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.device.CommandHandler;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.store.ModuleSchema;
import io.vertx.core.Future;
import java.util.List;

/**
 * The CoAP sensor adapter: devices added by URL ({@link #devices()}), observed or polled, DTLS with
 * pre-shared keys for {@code coaps://}, commands by PUT/POST, and multicast discovery when the
 * {@code coap} section ({@link CoapSettings}) names an interface. Discovered devices go to the
 * hub's discovery inbox, where the owner adopts them ({@link CoapAdopter}).
 */
public final class CoapModule implements HubModule {
  private CoapLink link;
  private CoapDevices devices;
  private MulticastDiscovery discovery;
  private volatile Devices registry;
  private CommandHandler commands;

  @Override
  public String name() {
    return "coap";
  }

  @Override
  public String description() {
    return "CoAP and CoAPS (DTLS-PSK) sensors: link-format discovery, observe, polling, commands";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    return CoapSettings.keys();
  }

  private CoapAddRequests requests;
  private io.vertx.core.Vertx vertx;
  private static final long RESTORE_FIRST_RETRY_MS = 5_000;
  private static final long RESTORE_MAX_RETRY_MS = 600_000;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CoapModule.class);

  /** The CoAP devices the owner added by URL. */
  @Override
  public ModuleSchema schema() {
    return ModuleSchema.of(CoapModule.class, "001-coap-devices.sql");
  }

  @Override
  public Future<Void> start(ModuleContext context) {
    try {
      CoapSettings settings = CoapSettings.from(context.config());
      registry = context.devices();
      link = new CaliforniumLink(context.vertx(), settings, context.egress());
      devices = new CoapDevices(context.vertx(), link, settings, registry);
      commands = new CoapCommands(link, devices);
      registry.registerCommands(CoapDevices.PROTOCOL, commands);
      Inbox inbox = context.inbox();
      inbox.registerAdopter(CoapDevices.PROTOCOL, new CoapAdopter(devices));
      discovery = new MulticastDiscovery(context.vertx(), settings, inbox::report);
      requests = new CoapAddRequests(context.vertx(), devices, inbox);
      vertx = context.vertx();
      CoapDeviceStore store = new CoapDeviceStore(context.store());
      // Devices added before a restart are read and watched again, without holding up the start.
      store
          .list()
          .onSuccess(stored -> stored.forEach(e -> restore(e, RESTORE_FIRST_RETRY_MS)))
          .onFailure(e -> LOG.warn("cannot read the stored CoAP devices: {}", e.getMessage()));
      devices.persistTo(store);
      return discovery.start();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Adds a stored device again; while it does not answer, tries again later, less often. */
  private void restore(CoapDeviceStore.Entry entry, long retryMs) {
    CoapDevices current = devices;
    if (registry == null || current == null) {
      return;
    }
    current
        .addDetailed(entry.name(), entry.base(), entry.psk())
        .onSuccess(a -> LOG.info("CoAP device {} watched again", entry.base()))
        .onFailure(
            e -> {
              if (registry == null) {
                return;
              }
              LOG.info(
                  "CoAP device {} not back yet ({}); trying again in {} s",
                  entry.base(),
                  e.getMessage(),
                  retryMs / 1000);
              vertx.setTimer(
                  retryMs, t -> restore(entry, Math.min(retryMs * 2, RESTORE_MAX_RETRY_MS)));
            });
  }

  /** Adding devices by URL and reading their last values; null before start. */
  public CoapDevices devices() {
    return devices;
  }

  /** The handler registered for {@code coap} devices' commands; null before start. */
  CommandHandler commands() {
    return commands;
  }

  /** Devices found by multicast, waiting for adoption; null before start. */
  public MulticastDiscovery discovery() {
    return discovery;
  }

  @Override
  public Future<Void> stop() {
    if (registry != null) {
      registry.unregisterCommands(CoapDevices.PROTOCOL);
      requests.stop();
      devices.stop();
      registry = null;
      return Future.join(discovery.stop(), link.close()).mapEmpty();
    }
    return Future.succeededFuture();
  }
}
