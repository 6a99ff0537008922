package io.hearth.api.mqtt;

import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Scope;
import java.util.List;
import java.util.Set;

/**
 * What one client may do on the broker, as its last access check found it: the token's holder as it
 * is now, and the devices it holds live events and control grants for. Immutable; {@link
 * ClientAccess} replaces it after every change of access and uses it only while that check still
 * holds. The rules:
 *
 * <ul>
 *   <li>the owner may publish and subscribe to anything, and reads everything;
 *   <li>anyone connected reads {@code hearth/status}, the hub's own online/offline word, which
 *       names no device: Home Assistant needs it to show any entity as available;
 *   <li>anyone else reads a message only if its topic is about devices the broker knows ({@link
 *       TopicOwners}) and they hold an events grant on each of them, or their token is that
 *       device's source; everything else, {@code $} topics included, is the owner's alone. This is
 *       decided per message, retained and queued messages included, so a wildcard filter yields
 *       only what the holder may read;
 *   <li>non-owners may subscribe under {@code hearth/} (a literal device level needs a grant on
 *       that device; a wildcard one is filtered per message) and under the device-convention
 *       prefixes; other filters (and {@code #}) are refused, since nothing under them could be
 *       delivered;
 *   <li>publishing: {@code hearth/<device>/<capability>/set} needs CONTROL on that device (the
 *       device level is its id or {@code <slug>.<id>}, {@link DeviceLevel}; state topics are the
 *       hub's own); automation (device) tokens may publish under the convention prefixes, which is
 *       how a device reports to the hub.
 * </ul>
 */
record TopicView(Principal holder, Set<String> readable, Set<String> controllable) {

  /** The view for a holder and its grants at time {@code now} (live grants only). */
  static TopicView of(Principal holder, List<Grant> grants, long now) {
    if (holder.isOwner()) {
      return new TopicView(holder, Set.of(), Set.of());
    }
    return new TopicView(
        holder,
        Grant.liveTargets(grants, Scope.EVENTS, now),
        Grant.liveTargets(grants, Scope.CONTROL, now));
  }

  boolean mayRead(String topic, TopicOwners owners) {
    if (holder.isOwner()) {
      return true;
    }
    if (topic.startsWith("$")) {
      return false;
    }
    if (topic.equals(HaDiscovery.STATUS)) {
      return true;
    }
    Set<String> devices = owners.devicesOf(topic);
    if (devices.isEmpty()) {
      return false;
    }
    for (String device : devices) {
      if (!readable.contains(device) && !owners.isSource(device, holder.tokenId())) {
        return false;
      }
    }
    return true;
  }

  boolean maySubscribe(String filter, List<String> devicePrefixes, TopicOwners owners) {
    if (holder.isOwner()) {
      return true;
    }
    if (filter.equals(HaDiscovery.STATUS)) {
      return true;
    }
    if (filter.startsWith(HubTopics.ROOT)) {
      String level = filter.split("/", -1)[1];
      boolean wildcard = level.equals("+") || level.equals("#");
      String device = DeviceLevel.idOf(level);
      if (device == null) {
        return wildcard;
      }
      return wildcard || readable.contains(device) || owners.isSource(device, holder.tokenId());
    }
    return devicePrefixes.stream().anyMatch(filter::startsWith);
  }

  boolean mayPublish(String topic, List<String> devicePrefixes) {
    if (holder.isOwner()) {
      return true;
    }
    if (topic.startsWith(HubTopics.ROOT)) {
      String[] levels = topic.split("/", -1);
      String device = levels.length == 4 ? DeviceLevel.idOf(levels[1]) : null;
      return device != null && levels[3].equals("set") && controllable.contains(device);
    }
    return holder.kind() == PrincipalKind.AUTOMATION
        && devicePrefixes.stream().anyMatch(topic::startsWith);
  }
}
