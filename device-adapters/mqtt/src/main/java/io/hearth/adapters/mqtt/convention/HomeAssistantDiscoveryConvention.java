package io.hearth.adapters.mqtt.convention;

import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Home Assistant MQTT discovery: devices announce entities with retained JSON documents on {@code
 * <prefix>/<component>/[<node_id>/]<object_id>/config}; each names the state topic Hearth must then
 * read, and perhaps a command topic. An empty payload on a config topic removes its entity.
 *
 * <p>Stateful: the set of state topics grows and shrinks with the documents, so {@link
 * #subscriptions()} changes; the caller re-reads it after each config message. Documents whose
 * unique_id Hearth itself published (matched by {@code isOwn}) are ignored, or the hub would adopt
 * its own re-published devices. A unique_id already held by another config topic is refused, so one
 * announcement cannot take over another device's key.
 *
 * <p>One physical device is one Hearth device: entities of one HA device (same first identifier)
 * share its key, whether announced one document each or in one device document ({@code
 * <prefix>/device/<object_id>/config}, {@link HaDeviceDocument}); and an entity whose state topics
 * another enabled convention already reads ({@code readElsewhere}: zigbee2mqtt, Tasmota and Shelly
 * announce their devices to HA too) is that convention's device announced a second time, and is
 * left to it. Availability topics ({@link HaAvailability}) report the device's AVAILABILITY.
 * Thread-safe.
 */
public final class HomeAssistantDiscoveryConvention extends BaseConvention {
  public static final String ID = "ha";
  public static final String DEFAULT_PREFIX = "homeassistant";
  public static final String DEFAULT_OWN_PREFIX = "hearth_";

  private final String prefix;
  private final Predicate<String> isOwn;
  private final Predicate<String> readElsewhere;
  private final HaConfigParser parser;
  private final Map<String, List<HaEntity>> byConfigTopic = new LinkedHashMap<>();
  private final Map<String, String> topicOfUniqueId = new HashMap<>();
  private Map<String, List<HaBinding>> byStateTopic = Map.of();
  private Map<String, List<HaAvailability>> byAvailabilityTopic = Map.of();

  public HomeAssistantDiscoveryConvention() {
    this(
        DEFAULT_PREFIX,
        id -> id.startsWith(DEFAULT_OWN_PREFIX),
        topic -> false,
        TranslationLimits.DEFAULTS);
  }

  /**
   * @param isOwn true for unique_ids of documents Hearth publishes itself
   * @param readElsewhere true for a state topic another enabled convention reads a device from
   */
  public HomeAssistantDiscoveryConvention(
      String prefix,
      Predicate<String> isOwn,
      Predicate<String> readElsewhere,
      TranslationLimits limits) {
    super(limits);
    if (!Topics.isSafePath(prefix)) {
      throw new IllegalArgumentException("unusable discovery prefix: " + prefix);
    }
    this.prefix = prefix;
    this.isOwn = isOwn;
    this.readElsewhere = readElsewhere;
    this.parser = new HaConfigParser(limits);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public synchronized List<String> subscriptions() {
    List<String> out = new ArrayList<>();
    out.add(prefix + "/+/+/config");
    out.add(prefix + "/+/+/+/config");
    out.addAll(stateTopics());
    return out;
  }

  /** The state and availability topics the current entities are read from, sorted. */
  public synchronized Set<String> stateTopics() {
    Set<String> out = new TreeSet<>(byStateTopic.keySet());
    out.addAll(byAvailabilityTopic.keySet());
    return out;
  }

  @Override
  protected synchronized Translation doTranslate(String topic, byte[] payload) {
    List<String> levels = Topics.levels(topic);
    if (topic.startsWith(prefix + "/") && "config".equals(levels.get(levels.size() - 1))) {
      return config(topic, Topics.levels(topic.substring(prefix.length() + 1)), payload);
    }
    List<HaBinding> bindings = byStateTopic.getOrDefault(topic, List.of());
    List<HaAvailability> availability = byAvailabilityTopic.getOrDefault(topic, List.of());
    if (bindings.isEmpty() && availability.isEmpty()) {
      return Translation.notMine();
    }
    return state(topic, bindings, availability, payload);
  }

  private Translation config(String topic, List<String> rest, byte[] payload) {
    if (rest.size() != 3 && rest.size() != 4) {
      return Translation.notMine();
    }
    String subject = Texts.clip(topic);
    if (payload.length == 0) {
      remove(topic);
      return Translation.ignored(subject);
    }
    Parsed<JsonObject> parsed = jsonObject(subject, payload);
    if (!parsed.ok()) {
      return parsed.error();
    }
    JsonObject expanded = HaAbbreviations.expand(parsed.value());
    String objectPath = String.join("/", rest.subList(1, rest.size() - 1));
    remove(topic);
    if (!HaDeviceDocument.COMPONENT.equals(rest.get(0))) {
      return register(topic, List.of(new HaDeviceDocument.Part(rest.get(0), objectPath, expanded)));
    }
    try {
      return register(topic, HaDeviceDocument.split(expanded, objectPath, limits.maxEntities()));
    } catch (HaDeviceDocument.Invalid e) {
      return Translation.rejected(subject, e.problem.kind(), e.problem.detail());
    }
  }

  private Translation register(String topic, List<HaDeviceDocument.Part> parts) {
    ReadingCollector out = new ReadingCollector(Texts.clip(topic));
    List<HaEntity> added = new ArrayList<>();
    for (HaDeviceDocument.Part part : parts) {
      String uniqueId = HaConfigParser.uniqueId(part.config());
      if (isOwn.test(uniqueId)) {
        continue;
      }
      HaConfigParser.Result result =
          parser.parse(topic, part.platform(), part.objectPath(), part.config());
      Problem p = result.problem() != null ? result.problem() : refusal(topic, uniqueId);
      if (p != null) {
        out.problem(p.kind(), p.detail());
      } else if (!announcedElsewhere(result.entity())) {
        added.add(place(result.entity(), added));
        topicOfUniqueId.put(uniqueId, topic);
      }
    }
    if (!added.isEmpty()) {
      byConfigTopic.put(topic, added);
      rebuildTopics();
      added.forEach(e -> out.forKey(e.deviceKey()).describe(description(e.deviceKey())));
    }
    return out.build();
  }

  /** Why an entity may not be added: its unique_id belongs to another topic, or too many. */
  private Problem refusal(String topic, String uniqueId) {
    String holder = uniqueId.isEmpty() ? null : topicOfUniqueId.get(uniqueId);
    if (holder != null && !holder.equals(topic)) {
      return new Problem(ProblemKind.UNSUPPORTED, "unique_id already announced on " + holder);
    }
    long count = byConfigTopic.values().stream().mapToLong(List::size).sum();
    if (count >= limits.maxEntities()) {
      return new Problem(
          ProblemKind.LIMIT_EXCEEDED, "more than " + limits.maxEntities() + " entities");
    }
    return null;
  }

  private boolean announcedElsewhere(HaEntity entity) {
    return !entity.bindings().isEmpty()
        && entity.bindings().stream().allMatch(b -> readElsewhere.test(b.stateTopic()));
  }

  /** The entity under its device's key, or its own when the device has that capability already. */
  private HaEntity place(HaEntity entity, List<HaEntity> pending) {
    Set<Capability> mine = readable(entity);
    boolean taken =
        Stream.concat(entities(), pending.stream())
            .filter(e -> e.deviceKey().equals(entity.deviceKey()))
            .anyMatch(e -> !Collections.disjoint(readable(e), mine));
    return taken ? entity.withKey(entity.ownKey()) : entity;
  }

  private static Set<Capability> readable(HaEntity e) {
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    caps.addAll(e.description().capabilities());
    caps.remove(Capability.AVAILABILITY);
    return caps;
  }

  private Stream<HaEntity> entities() {
    return byConfigTopic.values().stream().flatMap(List::stream);
  }

  /** The device as a whole: its first entity's names, every entity's capabilities. */
  private DeviceDescription description(String deviceKey) {
    List<HaEntity> of = entities().filter(e -> e.deviceKey().equals(deviceKey)).toList();
    DeviceDescription first = of.get(0).description();
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    of.forEach(e -> caps.addAll(e.description().capabilities()));
    of.stream()
        .filter(e -> e.availability().isPresent())
        .findAny()
        .ifPresent(e -> caps.add(Capability.AVAILABILITY));
    return new DeviceDescription(
        deviceKey, first.name(), first.manufacturer(), first.model(), caps, ID);
  }

  private void remove(String configTopic) {
    List<HaEntity> old = byConfigTopic.remove(configTopic);
    if (old != null) {
      topicOfUniqueId.values().removeIf(configTopic::equals);
      rebuildTopics();
    }
  }

  private void rebuildTopics() {
    Map<String, List<HaBinding>> states = new HashMap<>();
    Map<String, List<HaAvailability>> availability = new HashMap<>();
    entities()
        .forEach(
            e -> {
              e.bindings()
                  .forEach(
                      b -> states.computeIfAbsent(b.stateTopic(), t -> new ArrayList<>()).add(b));
              e.availability().ifPresent(a -> a.sources().forEach(s -> add(availability, s, a)));
            });
    byStateTopic = states;
    byAvailabilityTopic = availability;
  }

  /** One availability reader per device and topic: entities of one device share their word. */
  private static void add(
      Map<String, List<HaAvailability>> byTopic, HaAvailability.Source s, HaAvailability a) {
    List<HaAvailability> readers = byTopic.computeIfAbsent(s.topic(), t -> new ArrayList<>());
    if (readers.stream().noneMatch(r -> r.deviceKey().equals(a.deviceKey()))) {
      readers.add(a);
    }
  }

  private Translation state(
      String topic, List<HaBinding> bindings, List<HaAvailability> availability, byte[] payload) {
    String subject =
        bindings.isEmpty() ? availability.get(0).deviceKey() : bindings.get(0).deviceKey();
    Parsed<String> text = text(subject, payload);
    if (!text.ok()) {
      return text.error();
    }
    JsonObject json = null;
    boolean needsJson =
        bindings.stream().anyMatch(b -> b.template().needsJson())
            || availability.stream()
                .flatMap(a -> a.sources().stream())
                .anyMatch(s -> s.topic().equals(topic) && s.template().needsJson());
    if (needsJson) {
      Parsed<JsonObject> parsed = jsonObject(subject, payload);
      if (!parsed.ok()) {
        return parsed.error();
      }
      json = parsed.value();
    }
    ReadingCollector out = new ReadingCollector(subject);
    for (HaBinding b : bindings) {
      b.read(text.value(), json, out.forKey(b.deviceKey()));
    }
    for (HaAvailability a : availability) {
      a.read(topic, text.value(), json, out);
    }
    return out.build();
  }

  @Override
  public synchronized Optional<OutboundMessage> command(Command command) {
    return entities()
        .filter(e -> e.deviceKey().equals(command.deviceKey()) && e.commands().isPresent())
        .filter(e -> e.description().capabilities().contains(command.capability()))
        .findFirst()
        .flatMap(e -> HaCommands.message(e.commands().get(), command));
  }
}
