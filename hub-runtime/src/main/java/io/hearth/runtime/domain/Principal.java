package io.hearth.runtime.domain;

/**
 * The authenticated caller of one request: who (kind and id), as which member role if a member,
 * through which token. Built fresh from the store for every request; never cached.
 */
public record Principal(PrincipalKind kind, String id, String name, Role role, String tokenId) {
  /** The hub itself, for actions it takes on its own (bootstrap, expiry). */
  public static final Principal HUB =
      new Principal(PrincipalKind.AUTOMATION, "hub", "hub", null, null);

  public boolean isOwner() {
    return kind == PrincipalKind.MEMBER && role == Role.OWNER;
  }

  public boolean isMember() {
    return kind == PrincipalKind.MEMBER;
  }

  /** How the audit log names this principal: {@code member:mem_...}. */
  public String auditName() {
    return this == HUB ? "hub" : kind.wireName() + ":" + id;
  }
}
