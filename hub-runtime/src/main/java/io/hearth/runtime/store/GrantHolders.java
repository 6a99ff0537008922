package io.hearth.runtime.store;

import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.error.HubException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Whether a grant's principal exists, checked in the grant's own write transaction: a member, a
 * paired display, or an automation that holds a live token. A grant for anyone else would be
 * accepted and do nothing, so it is refused (422) with what to name instead. An automation is named
 * by its principal id ({@code aut_...}, the {@code principal_id} in {@code /tokens}), never by a
 * token id: one id per principal in tokens, grants, MQTT and the audit.
 */
final class GrantHolders {
  private GrantHolders() {}

  static void requireExists(Connection c, PrincipalKind kind, String id) throws SQLException {
    if (kind == PrincipalKind.AUTOMATION && Ids.isWellFormed(id, "tok")) {
      throw tokenId(c, id);
    }
    if (!exists(c, kind, id)) {
      throw HubException.unprocessable(
          "unknown_principal",
          "there is no "
              + kind.wireName()
              + " with id '"
              + id
              + "'; "
              + whereToLook(kind)
              + ". A grant for nobody would do nothing, so none was made");
    }
  }

  private static boolean exists(Connection c, PrincipalKind kind, String id) throws SQLException {
    String sql =
        switch (kind) {
          case MEMBER -> "SELECT 1 FROM member WHERE id = ?";
          case DISPLAY -> "SELECT 1 FROM display WHERE id = ?";
          case AUTOMATION ->
              "SELECT 1 FROM token WHERE principal_kind = 'automation' AND principal_id = ?"
                  + " AND revoked_at IS NULL";
        };
    return Sql.one(c, sql, row -> 1, id).isPresent();
  }

  private static String whereToLook(PrincipalKind kind) {
    return switch (kind) {
      case MEMBER -> "members are listed at GET /api/v1/members";
      case DISPLAY -> "paired displays are listed at GET /api/v1/displays";
      case AUTOMATION ->
          "an automation is named by the principal_id (aut_...) of its token at GET"
              + " /api/v1/tokens, and needs a token that is not revoked";
    };
  }

  /** The old form: a token id where the automation's id belongs. Say which id to use. */
  private static HubException tokenId(Connection c, String tokenId) throws SQLException {
    Optional<String> automation =
        Sql.one(
            c,
            "SELECT principal_id FROM token WHERE id = ? AND principal_kind = 'automation'",
            row -> row.getString(1),
            tokenId);
    return HubException.unprocessable(
        "unknown_principal",
        "'"
            + tokenId
            + "' is a token id; grants name an automation by its principal id"
            + automation.map(a -> " ('" + a + "' for this token)").orElse(" (aut_...)")
            + ", the principal_id shown by GET /api/v1/tokens");
  }
}
