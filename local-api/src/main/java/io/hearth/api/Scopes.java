package io.hearth.api;

import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Parses scope names from a request into a set, with a 400 naming the accepted ones. */
final class Scopes {
  private Scopes() {}

  static Set<Scope> parse(List<String> names, Set<Scope> fallback) {
    if (names == null) {
      return fallback;
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String name : names) {
      try {
        scopes.add(Scope.parse(name));
      } catch (IllegalArgumentException e) {
        throw HubException.badRequest(e.getMessage());
      }
    }
    if (scopes.isEmpty()) {
      throw HubException.badRequest(
          "scopes must name at least one of live, snapshot, events, control");
    }
    return scopes;
  }
}
