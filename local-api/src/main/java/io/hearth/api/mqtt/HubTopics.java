package io.hearth.api.mqtt;

import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.device.EventStore;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.spi.BusAddresses;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's own topics on its broker: device state retained on {@code hearth/<device>/<capability>}
 * and on the readable {@code hearth/<slug>.<device>/<capability>} ({@link DeviceLevel}; commands
 * are taken on either form), availability ({@code hearth/status} for the hub, online while it runs
 * and offline, retained, once it stops; {@code hearth/<device>/availability} per device), Home
 * Assistant discovery documents ({@link HaDiscovery}) for every known device at start, again when
 * Home Assistant announces itself on {@code homeassistant/status}, and for a device's new
 * capability; documents of devices the hub no longer knows are cleared. Commands from {@code
 * .../set} go to {@link HubCommands}; every client publish is handed to the MQTT adapter over the
 * event bus ({@code hearth.mqtt.in}) with its publishes taken back ({@code hearth.mqtt.out}).
 *
 * <p>With {@code api.mqtt.mode: external} the same topics go to the external broker through the
 * MQTT adapter's connection ({@link ExternalBroker}), said again each time that broker is
 * reconnected, states included; client publishes are not forwarded (the adapter reads that broker
 * itself) and nothing is swept.
 *
 * <p>On the hub's broker it also tells the broker which device each topic is about ({@link
 * TopicOwners}): the MQTT adapter claims the convention topics it reads a device from on {@code
 * hearth.mqtt.owner}, and marks the commands it publishes with the device they are for, so that a
 * device's own topics are readable only by those who may see that device.
 */
final class HubTopics {
  static final String IN = BusAddresses.MQTT_IN;
  static final String OUT = BusAddresses.MQTT_OUT;
  static final String OWNER = BusAddresses.MQTT_OWNER;
  static final String ROOT = "hearth/";
  static final String DISCOVERY = "homeassistant/";
  static final String BIRTH = "homeassistant/status";
  private static final Logger LOG = LoggerFactory.getLogger(HubTopics.class);

  private final ModuleContext hub;
  private final HubBroker broker;
  private final TopicOwners owners;
  private final HubCommands commands;
  private final ReadableTopics readable;

  /** The discovery topics published for each device, and the capabilities they cover. */
  private final Map<String, Set<String>> documents = new ConcurrentHashMap<>();

  private final EventImages images;
  private final Map<String, Set<String>> covered = new ConcurrentHashMap<>();
  private final Set<String> availabilityKnown = ConcurrentHashMap.newKeySet();
  private final Set<String> removedDevices = ConcurrentHashMap.newKeySet();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final List<LocalBroker.Registration> registrations = new ArrayList<>();
  private HaDiscovery discovery;

  /**
   * @param owners the embedded broker's topic owners; null on an external broker, which keeps its
   *     own access rules
   * @param commands how {@code .../set} commands are carried out
   */
  HubTopics(ModuleContext hub, HubBroker broker, TopicOwners owners, HubCommands commands) {
    this.hub = hub;
    this.broker = broker;
    this.readable = new ReadableTopics(hub, broker);
    this.images = new EventImages(hub, broker);
    this.owners = owners;
    this.commands = commands;
  }

  Future<Void> start() {
    listen();
    return HubAddress.admin(hub)
        .map(admin -> discovery = new HaDiscovery(new HaDiscovery.Hub(hubId(), admin, version())))
        .compose(d -> forwardClients())
        .compose(v -> broker.subscribe("hearth/+/+/set", commands::command))
        .map(registrations::add)
        .compose(v -> broker.subscribe(BIRTH, this::birth))
        .map(registrations::add)
        .compose(v -> announceAll())
        .compose(v -> StaleDocuments.sweep(hub, broker, documents));
  }

  /** On the hub's own broker, what clients publish goes to the MQTT adapter. */
  private Future<Void> forwardClients() {
    if (!broker.embedded()) {
      return Future.succeededFuture();
    }
    return broker.subscribe("#", this::fromClient).map(registrations::add).mapEmpty();
  }

  /** Says the hub is offline (retained, like a last will) and stops listening. */
  Future<Void> stop() {
    consumers.forEach(MessageConsumer::unregister);
    registrations.forEach(LocalBroker.Registration::cancel);
    return publish(HaDiscovery.STATUS, "offline");
  }

  private void listen() {
    var bus = hub.vertx().eventBus();
    consumers.add(
        bus.<DeviceEvent>localConsumer(
            EventStore.ADDRESS,
            m -> {
              publishState(m.body());
              images.seen(m.body());
            }));
    consumers.add(
        bus.<io.vertx.core.json.JsonObject>localConsumer(
            BusAddresses.DEVICE_REMOVED, m -> removed(m.body().getString("id"))));
    if (!broker.embedded()) {
      consumers.add(bus.localConsumer(BusAddresses.MQTT_EXTERNAL_UP, m -> reconnected()));
      return;
    }
    consumers.add(bus.<Buffer>localConsumer(OUT, this::fromAdapter));
    consumers.add(
        bus.<Object>localConsumer(
            OWNER,
            m -> claim(m.headers().get(BusAddresses.TOPIC), m.headers().get(BusAddresses.DEVICE))));
  }

  /** The MQTT adapter publishes on the hub's broker (it reads its devices there). */
  private void fromAdapter(io.vertx.core.eventbus.Message<Buffer> m) {
    claim(m.headers().get(BusAddresses.TOPIC), m.headers().get(BusAddresses.DEVICE));
    broker
        .publish(
            m.headers().get(BusAddresses.TOPIC),
            m.body(),
            Integer.parseInt(m.headers().get(BusAddresses.QOS)),
            Boolean.parseBoolean(m.headers().get(BusAddresses.RETAIN)))
        .onComplete(done -> m.reply(null));
  }

  /** A removed device: its documents, state and availability go from the broker now. */
  private void removed(String deviceId) {
    removedDevices.add(deviceId);
    List<String> topics = new ArrayList<>(documents.getOrDefault(deviceId, Set.of()));
    covered
        .getOrDefault(deviceId, Set.of())
        .forEach(cap -> topics.add(ROOT + deviceId + "/" + cap));
    topics.add(HaDiscovery.availabilityTopic(deviceId));
    List<String> leaves = new ArrayList<>(covered.getOrDefault(deviceId, Set.of()));
    leaves.add("availability");
    readable.clear(deviceId, leaves);
    documents.remove(deviceId);
    covered.remove(deviceId);
    availabilityKnown.remove(deviceId);
    topics.forEach(t -> publish(t, ""));
  }

  /** The external broker is back (perhaps restarted, having lost what it held): say all again. */
  private void reconnected() {
    announceAll()
        .compose(v -> republishStates())
        .onFailure(
            e -> LOG.warn("MQTT: announcing on the external broker failed: {}", e.getMessage()));
  }

  private Future<Void> republishStates() {
    return hub.devices()
        .list()
        .compose(
            all ->
                Future.all(
                    all.stream()
                        .map(
                            d ->
                                hub.devices()
                                    .events()
                                    .state(d.id())
                                    .onSuccess(events -> events.forEach(this::publishState)))
                        .toList()))
        .mapEmpty();
  }

  private String hubId() {
    return hub.home() == null ? "hub" : hub.home().id();
  }

  private String version() {
    return hub.version() == null ? "unknown" : hub.version();
  }

  private void claim(String topic, String deviceId) {
    if (owners != null && topic != null && deviceId != null) {
      owners.claim(topic, deviceId);
    }
  }

  private void fromClient(Message message) {
    if (message.topic().startsWith(ROOT)) {
      return;
    }
    hub.vertx()
        .eventBus()
        .publish(
            IN,
            message.payload(),
            new DeliveryOptions()
                .setLocalOnly(true)
                .addHeader(BusAddresses.TOPIC, message.topic()));
  }

  /** Home Assistant (re)started: it has lost what it knew, so everything is said again. */
  private void birth(Message message) {
    if ("online".equals(message.payload().toString().trim())) {
      announceAll()
          .onFailure(e -> LOG.warn("MQTT: discovery after HA's birth failed: {}", e.getMessage()));
    }
  }

  /** The hub is online; every known device's documents and availability, the hub's document. */
  private Future<Void> announceAll() {
    HaDiscovery.Document own = discovery.hubDocument();
    return publish(HaDiscovery.STATUS, "online")
        .compose(v -> broker.publish(own.topic(), Buffer.buffer(own.config().encode()), 1, true))
        .compose(v -> hub.devices().list())
        .compose(all -> Future.all(all.stream().map(this::announce).toList()))
        .compose(v -> CameraDocuments.announceAll(hub, broker, discovery, covered, documents));
  }

  private void publishState(DeviceEvent event) {
    if (removedDevices.contains(event.deviceId())) {
      return; // its adapter may not have heard yet
    }
    if (event.capability() == null) {
      if (DeviceEvent.AVAILABILITY.equals(event.kind())) {
        availabilityKnown.add(event.deviceId());
        String word = Boolean.TRUE.equals(event.value()) ? "online" : "offline";
        publish(HaDiscovery.availabilityTopic(event.deviceId()), word);
        readable.publish(event.deviceId(), "availability", Buffer.buffer(word));
      }
      return;
    }
    if (!DeviceEvent.STATE.equals(event.kind())) {
      return;
    }
    String topic = HaDiscovery.stateTopic(event.deviceId(), event.capability());
    Buffer value = Buffer.buffer(Json.encode(event.value()));
    broker.publish(topic, value, 1, true);
    readable.publish(event.deviceId(), event.capability().wireName(), value);
    Set<String> known = covered.get(event.deviceId());
    if (known == null || !known.contains(event.capability().wireName())) {
      hub.devices()
          .get(event.deviceId())
          .compose(this::announce)
          .recover(
              e ->
                  CameraDocuments.announceOne(
                      hub, broker, discovery, covered, documents, event.deviceId()))
          .onFailure(e -> LOG.debug("no discovery for {}: {}", event.deviceId(), e.getMessage()));
    }
  }

  /**
   * Publishes a device's documents (retained), clears those it no longer has (a switch that became
   * a light), and says it is online unless its adapter said otherwise.
   */
  private Future<Void> announce(SensorDevice device) {
    covered.put(
        device.id(),
        device.capabilities().stream().map(c -> c.wireName()).collect(Collectors.toSet()));
    List<HaDiscovery.Document> docs = discovery.documents(device);
    Set<String> topics = docs.stream().map(HaDiscovery.Document::topic).collect(Collectors.toSet());
    Set<String> before = documents.put(device.id(), topics);
    List<Future<Void>> sent = new ArrayList<>();
    sent.add(assumeOnline(device.id()));
    for (HaDiscovery.Document doc : docs) {
      sent.add(broker.publish(doc.topic(), Buffer.buffer(doc.config().encode()), 1, true));
    }
    if (before != null) {
      before.stream().filter(t -> !topics.contains(t)).forEach(t -> publish(t, ""));
    }
    return Future.all(sent).mapEmpty();
  }

  /** "Not known offline": online, unless the adapter or the last run left a word retained. */
  private Future<Void> assumeOnline(String deviceId) {
    String topic = HaDiscovery.availabilityTopic(deviceId);
    if (!availabilityKnown.add(deviceId)) {
      return Future.succeededFuture();
    }
    return broker
        .retainedMatching(topic)
        .compose(found -> found.isEmpty() ? online(deviceId) : Future.succeededFuture());
  }

  private Future<Void> online(String deviceId) {
    readable.publish(deviceId, "availability", Buffer.buffer("online"));
    return publish(HaDiscovery.availabilityTopic(deviceId), "online");
  }

  private Future<Void> publish(String topic, String payload) {
    return broker.publish(topic, Buffer.buffer(payload), 1, true);
  }
}
