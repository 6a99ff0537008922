package io.hearth.api.mqtt;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.security.Access;
import io.vertx.core.Future;
import java.util.List;

/**
 * The hub's topic rules, from grants:
 *
 * <ul>
 *   <li>the owner may publish and subscribe to anything;
 *   <li>{@code hearth/<device>/...}: subscribing needs EVENTS on that device (the device level must
 *       be literal, not a wildcard); publishing is allowed only to {@code
 *       hearth/<device>/<capability>/set} and needs CONTROL (state topics are the hub's own);
 *   <li>device-convention prefixes ({@code api.mqtt.device-prefixes}: tele/, zigbee2mqtt/, ...):
 *       automation tokens (device tokens) may publish and subscribe under them; these conventions
 *       carry no per-device ownership the broker could check, so such a token is trusted with them;
 *   <li>everything else, and every {@code $} topic, is the owner's alone.
 * </ul>
 */
public final class GrantAcl implements TopicAcl {
  static final String ROOT = "hearth/";

  private final Access access;
  private final List<String> devicePrefixes;

  public GrantAcl(Access access, List<String> devicePrefixes) {
    this.access = access;
    this.devicePrefixes = List.copyOf(devicePrefixes);
  }

  @Override
  public Future<Boolean> mayPublish(Principal principal, String topic) {
    if (principal.isOwner()) {
      return Future.succeededFuture(true);
    }
    if (topic.startsWith(ROOT)) {
      String[] levels = topic.split("/", -1);
      boolean command = levels.length == 4 && levels[3].equals("set");
      return command ? allowed(principal, levels[1], Scope.CONTROL) : no();
    }
    return Future.succeededFuture(deviceConvention(principal, topic));
  }

  @Override
  public Future<Boolean> maySubscribe(Principal principal, String filter) {
    if (principal.isOwner()) {
      return Future.succeededFuture(true);
    }
    if (filter.startsWith(ROOT)) {
      String[] levels = filter.split("/", -1);
      String device = levels.length > 1 ? levels[1] : "";
      boolean literal = !device.isEmpty() && !device.equals("+") && !device.equals("#");
      return literal ? allowed(principal, device, Scope.EVENTS) : no();
    }
    return Future.succeededFuture(deviceConvention(principal, filter));
  }

  private boolean deviceConvention(Principal principal, String topic) {
    return principal.kind() == PrincipalKind.AUTOMATION
        && devicePrefixes.stream().anyMatch(topic::startsWith);
  }

  private Future<Boolean> allowed(Principal principal, String device, Scope scope) {
    return access.check(principal, device, scope, false).map(g -> true).otherwise(false);
  }

  private static Future<Boolean> no() {
    return Future.succeededFuture(false);
  }
}
