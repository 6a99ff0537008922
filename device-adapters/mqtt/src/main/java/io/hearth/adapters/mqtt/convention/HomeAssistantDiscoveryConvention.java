package io.hearth.adapters.mqtt.convention;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Home Assistant MQTT discovery: devices announce entities with retained JSON documents on {@code
 * <prefix>/<component>/[<node_id>/]<object_id>/config}; each names the state topic Hearth must then
 * read, and perhaps a command topic. An empty payload on a config topic removes its entity.
 *
 * <p>Stateful: the set of state topics grows and shrinks with the documents, so {@link
 * #subscriptions()} changes; the caller re-reads it after each config message. Documents whose
 * unique_id Hearth itself published (matched by {@code isOwn}) are ignored, or the hub would adopt
 * its own re-published devices. A unique_id already held by another config topic is refused, so one
 * announcement cannot take over another device's key. Thread-safe.
 */
public final class HomeAssistantDiscoveryConvention extends BaseConvention {
  public static final String ID = "ha";
  public static final String DEFAULT_PREFIX = "homeassistant";
  public static final String DEFAULT_OWN_PREFIX = "hearth_";

  private final String prefix;
  private final Predicate<String> isOwn;
  private final HaConfigParser parser;
  private final Map<String, HaEntity> byConfigTopic = new LinkedHashMap<>();
  private final Map<String, HaEntity> byDeviceKey = new HashMap<>();
  private Map<String, List<HaBinding>> byStateTopic = Map.of();

  public HomeAssistantDiscoveryConvention() {
    this(DEFAULT_PREFIX, id -> id.startsWith(DEFAULT_OWN_PREFIX), TranslationLimits.DEFAULTS);
  }

  /**
   * @param isOwn true for unique_ids of documents Hearth publishes itself
   */
  public HomeAssistantDiscoveryConvention(
      String prefix, Predicate<String> isOwn, TranslationLimits limits) {
    super(limits);
    if (!Topics.isSafePath(prefix)) {
      throw new IllegalArgumentException("unusable discovery prefix: " + prefix);
    }
    this.prefix = prefix;
    this.isOwn = isOwn;
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

  /** The state topics the current entities are read from, sorted. */
  public synchronized Set<String> stateTopics() {
    return new TreeSet<>(byStateTopic.keySet());
  }

  @Override
  protected synchronized Translation doTranslate(String topic, byte[] payload) {
    List<String> levels = Topics.levels(topic);
    if (topic.startsWith(prefix + "/") && "config".equals(levels.get(levels.size() - 1))) {
      return config(topic, Topics.levels(topic.substring(prefix.length() + 1)), payload);
    }
    List<HaBinding> bindings = byStateTopic.get(topic);
    return bindings == null ? Translation.notMine() : state(bindings, payload);
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
    if (isOwn.test(HaConfigParser.uniqueId(expanded))) {
      remove(topic);
      return Translation.ignored(subject);
    }
    String objectPath = String.join("/", rest.subList(1, rest.size() - 1));
    return register(topic, parser.parse(topic, rest.get(0), objectPath, expanded));
  }

  private Translation register(String topic, HaConfigParser.Result result) {
    String subject = Texts.clip(topic);
    if (result.problem() != null) {
      remove(topic);
      Problem p = result.problem();
      return Translation.rejected(subject, p.kind(), p.detail());
    }
    HaEntity entity = result.entity();
    HaEntity holder = byDeviceKey.get(entity.deviceKey());
    if (holder != null && !holder.configTopic().equals(topic)) {
      return Translation.rejected(
          subject,
          ProblemKind.UNSUPPORTED,
          "unique_id already announced on " + holder.configTopic());
    }
    if (!byConfigTopic.containsKey(topic) && byConfigTopic.size() >= limits.maxEntities()) {
      return Translation.rejected(
          subject, ProblemKind.LIMIT_EXCEEDED, "more than " + limits.maxEntities() + " entities");
    }
    remove(topic);
    byConfigTopic.put(topic, entity);
    byDeviceKey.put(entity.deviceKey(), entity);
    rebuildStateTopics();
    ReadingCollector out = new ReadingCollector(entity.deviceKey());
    out.describe(entity.description());
    return out.build();
  }

  private void remove(String configTopic) {
    HaEntity old = byConfigTopic.remove(configTopic);
    if (old != null) {
      byDeviceKey.remove(old.deviceKey());
      rebuildStateTopics();
    }
  }

  private void rebuildStateTopics() {
    Map<String, List<HaBinding>> map = new HashMap<>();
    for (HaEntity e : byConfigTopic.values()) {
      for (HaBinding b : e.bindings()) {
        map.computeIfAbsent(b.stateTopic(), t -> new ArrayList<>()).add(b);
      }
    }
    byStateTopic = map;
  }

  private Translation state(List<HaBinding> bindings, byte[] payload) {
    String subject = bindings.get(0).deviceKey();
    Parsed<String> text = text(subject, payload);
    if (!text.ok()) {
      return text.error();
    }
    JsonObject json = null;
    if (bindings.stream().anyMatch(b -> b.template().needsJson())) {
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
    return out.build();
  }

  @Override
  public synchronized Optional<OutboundMessage> command(Command command) {
    HaEntity entity = byDeviceKey.get(command.deviceKey());
    if (entity == null || entity.commands().isEmpty()) {
      return Optional.empty();
    }
    return HaCommands.message(entity.commands().get(), command);
  }
}
