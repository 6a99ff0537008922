package io.hearth.adapters.mqtt;

import io.hearth.adapters.mqtt.convention.Command;
import io.hearth.adapters.mqtt.convention.MqttConvention;
import io.hearth.adapters.mqtt.convention.OutboundMessage;
import io.hearth.adapters.mqtt.convention.ProblemKind;
import io.hearth.adapters.mqtt.convention.Translation;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins MQTT devices to the hub: every (topic, payload) is offered to each convention, and what
 * they read goes to the device registry; commands go the other way through the convention of the
 * device's key. Messages come from the external broker's {@link MqttLink} and from anyone else who
 * calls {@link #accept} (the hub's own broker), through the same translation. All state lives on
 * one Vert.x context; public methods may be called from any thread.
 */
public final class MqttBridge {
  private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);
  private static final int MAX_SUBJECT = 200;

  /** Makes the link to the configured broker. */
  @FunctionalInterface
  public interface LinkFactory {
    MqttLink create(Context context, MqttSettings settings);
  }

  private final Context context;
  private final MqttSettings settings;
  private final Conventions conventions;
  private final ProblemLog problems = new ProblemLog();
  private final FloodGuard flood = new FloodGuard(FloodGuard.DEFAULT_PER_SECOND);
  private final DeviceFeed feed;
  private final CommandOutbox outbox;
  private final Subscriptions subscriptions;
  private final MqttLink link;
  private BrokerConnection connection;
  private BiConsumer<String, byte[]> hubMessages = (topic, payload) -> {};
  private Runnable onUp = () -> {};
  private long received;
  private long unclaimed;

  /** Tells {@code listener} of each device the bridge registers, once per registration. */
  public void onDeviceRegistered(DeviceFeed.Registered listener) {
    feed.onRegistered(listener);
  }

  public MqttBridge(Context context, Devices devices, MqttSettings settings, LinkFactory links) {
    this.context = context;
    this.settings = settings;
    this.conventions = Conventions.create(settings.conventions());
    this.feed = new DeviceFeed(devices, problems);
    this.outbox = new CommandOutbox(settings.queueLimit());
    this.subscriptions = new Subscriptions(conventions.all());
    this.link = settings.hasBroker() ? links.create(context, settings) : new LocalBusLink(context);
  }

  /** Starts connecting (or stays idle without a broker); completes at once, never blocks. */
  public Future<Void> start() {
    return onContext(
        () -> {
          if (!settings.hasBroker()) {
            LOG.info(
                "no external MQTT broker configured (mqtt.url): adapting devices on the hub's"
                    + " own broker");
          }
          link.messageHandler(this::handle);
          ReconnectBackoff backoff =
              new ReconnectBackoff(
                  ReconnectBackoff.MIN_MILLIS,
                  ReconnectBackoff.MAX_MILLIS,
                  ThreadLocalRandom.current()::nextDouble);
          String name = settings.hasBroker() ? settings.url() : "(the hub's own broker)";
          connection = new BrokerConnection(context, link, name, backoff, listener());
          connection.start();
          return Future.succeededFuture();
        });
  }

  /** Disconnects; queued commands stay in {@link #takeQueued()} for a successor. */
  public Future<Void> stop() {
    return onContext(() -> connection == null ? Future.succeededFuture() : connection.stop());
  }

  /** Offers one message to the conventions; any thread, any source. */
  public void accept(String topic, byte[] payload) {
    if (Vertx.currentContext() == context) {
      handle(topic, payload);
    } else {
      context.runOnContext(v -> handle(topic, payload));
    }
  }

  /**
   * Where messages on the filters the rest of the hub asked for ({@link #subscribeForHub}) go, and
   * what to do each time the broker is connected; set before {@link #start()}.
   */
  void forHub(BiConsumer<String, byte[]> messages, Runnable up) {
    this.hubMessages = messages;
    this.onUp = up;
  }

  /** Publishes for the rest of the hub; fails at once while the broker is not connected. */
  Future<Void> publishForHub(OutboundMessage message) {
    return onContext(
        () ->
            link.isConnected()
                ? link.publish(message)
                : Future.failedFuture(
                    new HubException(
                        503, "mqtt_not_connected", "the external MQTT broker is not connected")));
  }

  /** Keeps a filter subscribed for the rest of the hub, across reconnects. */
  Future<Void> subscribeForHub(String filter) {
    return onContext(() -> subscriptions.add(filter, link));
  }

  /** Forgets a device the owner removed (by its key); any thread. */
  public void forget(String deviceKey) {
    context.runOnContext(v -> feed.forget(deviceKey));
  }

  /** Carries out a command; the {@code CommandHandler} of protocol {@code mqtt}. */
  public Future<Void> execute(SensorDevice device, Capability capability, Object value) {
    return onContext(() -> command(device, capability, value));
  }

  /** Takes the commands still waiting for the broker (on the bridge's context). */
  public Future<List<OutboundMessage>> takeQueued() {
    return onContext(() -> Future.succeededFuture(outbox.takeQueued()));
  }

  /** Puts commands a replaced bridge still held ahead of this one's queue. */
  public Future<Void> carry(List<OutboundMessage> queued) {
    return onContext(
        () -> {
          outbox.carry(queued);
          return Future.succeededFuture();
        });
  }

  public MqttSettings settings() {
    return settings;
  }

  /** True while the external broker is connected. */
  public boolean connected() {
    return link.isConnected();
  }

  ProblemLog problems() {
    return problems;
  }

  int queued() {
    return outbox.queued();
  }

  long received() {
    return received;
  }

  long unclaimed() {
    return unclaimed;
  }

  private void handle(String topic, byte[] payload) {
    received++;
    long at = System.currentTimeMillis();
    if (!flood.allow(topic, at)) {
      problems.report(
          clip(topic),
          ProblemKind.LIMIT_EXCEEDED,
          "flood: more than " + flood.perSecond() + " messages a second; the excess is dropped");
      return;
    }
    boolean claimed = subscriptions.isExtra(topic);
    if (claimed) {
      hubMessages.accept(topic, payload);
    }
    for (MqttConvention convention : conventions.all()) {
      Translation t = convention.translate(topic, payload);
      if (t.status() != Translation.Status.NOT_MINE) {
        claimed = true;
        problems.report(t);
        feed.apply(t, at).forEach(id -> id.onSuccess(deviceId -> link.claim(topic, deviceId)));
        subscriptions
            .changed(convention, link)
            .onFailure(e -> LOG.warn("MQTT subscription change failed: {}", e.getMessage()));
      }
    }
    if (!claimed) {
      unclaimed++;
    }
  }

  private Future<Void> command(SensorDevice device, Capability capability, Object value) {
    Optional<MqttConvention> convention = conventions.forDeviceKey(device.address());
    if (convention.isEmpty()) {
      return Future.failedFuture(
          new HubException(
              503,
              "mqtt_convention_disabled",
              "the convention of " + device.address() + " is not enabled (mqtt.conventions)"));
    }
    Optional<OutboundMessage> message =
        value == null
            ? Optional.empty()
            : convention.get().command(new Command(device.address(), capability, value));
    if (message.isEmpty()) {
      return Future.failedFuture(
          HubException.badRequest(
              device.name() + " cannot be told " + capability.wireName() + " = " + value));
    }
    OutboundMessage m = message.get();
    link.claim(m.topic(), device.id());
    return outbox.send(
        new OutboundMessage(m.topic(), m.payload(), Math.max(1, m.qos()), m.retain()));
  }

  private BrokerConnection.Listener listener() {
    return new BrokerConnection.Listener() {
      @Override
      public void up() {
        subscriptions
            .subscribeAll(link)
            .onFailure(e -> LOG.warn("MQTT subscriptions failed: {}", e.getMessage()));
        outbox.online(link);
        onUp.run();
      }

      @Override
      public void down() {
        outbox.offline();
      }
    };
  }

  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    if (Vertx.currentContext() == context) {
      return work.get();
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(
        v -> {
          try {
            work.get().onComplete(promise);
          } catch (RuntimeException e) {
            promise.fail(e);
          }
        });
    return promise.future();
  }

  private static String clip(String topic) {
    return topic.length() <= MAX_SUBJECT ? topic : topic.substring(0, MAX_SUBJECT) + "...";
  }
}
