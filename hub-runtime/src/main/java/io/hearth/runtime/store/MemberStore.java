package io.hearth.runtime.store;

import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Member;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The home's members. The home always keeps at least one owner. */
public final class MemberStore {
  private static final String COLUMNS = "SELECT id, name, role, created_at FROM member";

  private final Database db;

  public MemberStore(Database db) {
    this.db = db;
  }

  public Future<List<Member>> list() {
    return db.read(c -> Sql.list(c, COLUMNS + " ORDER BY created_at, id", MemberStore::row));
  }

  public Future<Member> get(String id) {
    return db.read(c -> find(c, id)).map(found -> found.orElseThrow(() -> missing(id)));
  }

  public Future<Member> create(Principal actor, String name, Role role) {
    Member member = new Member(Ids.newId("mem"), name, role, System.currentTimeMillis());
    return db.write(
        c -> {
          insert(c, member);
          AuditLog.append(c, actor, "member.create", member.id(), member.toJson());
          return member;
        });
  }

  public Future<Member> update(Principal actor, String id, String name, Role role) {
    return db.write(
        c -> {
          Member old = find(c, id).orElseThrow(() -> missing(id));
          Member updated =
              new Member(
                  id,
                  name == null ? old.name() : name,
                  role == null ? old.role() : role,
                  old.createdAt());
          if (old.role() == Role.OWNER && updated.role() != Role.OWNER) {
            requireAnotherOwner(c, id);
          }
          Sql.update(
              c,
              "UPDATE member SET name = ?, role = ? WHERE id = ?",
              updated.name(),
              updated.role().wireName(),
              id);
          AuditLog.append(c, actor, "member.update", id, updated.toJson());
          return updated;
        });
  }

  /** Deletes a member, its tokens and its grants, in one transaction. */
  public Future<Void> delete(Principal actor, String id) {
    return db.write(
        c -> {
          Member old = find(c, id).orElseThrow(() -> missing(id));
          if (old.role() == Role.OWNER) {
            requireAnotherOwner(c, id);
          }
          Sql.update(
              c,
              "UPDATE token SET revoked_at = ? WHERE principal_kind = 'member' AND"
                  + " principal_id = ? AND revoked_at IS NULL",
              System.currentTimeMillis(),
              id);
          Sql.update(
              c, "DELETE FROM \"grant\" WHERE principal_kind = 'member' AND principal_id = ?", id);
          Sql.update(c, "DELETE FROM member WHERE id = ?", id);
          AuditLog.append(c, actor, "member.delete", id, new JsonObject().put("name", old.name()));
          return null;
        });
  }

  /** Records a member inside the caller's write transaction. */
  public static void insert(Connection c, Member m) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO member (id, name, role, created_at) VALUES (?, ?, ?, ?)",
        m.id(),
        m.name(),
        m.role().wireName(),
        m.createdAt());
  }

  static Optional<Member> find(Connection c, String id) throws SQLException {
    return Sql.one(c, COLUMNS + " WHERE id = ?", MemberStore::row, id);
  }

  /** The member a token speaks for; for the token service inside its read. */
  public static Optional<Member> findForToken(Connection c, String id) throws SQLException {
    return find(c, id);
  }

  private static void requireAnotherOwner(Connection c, String id) throws SQLException {
    int owners =
        Sql.one(
                c,
                "SELECT count(*) FROM member WHERE role = 'owner' AND id <> ?",
                row -> row.getInt(1),
                id)
            .orElse(0);
    if (owners == 0) {
      throw HubException.conflict("this is the home's only owner; make another member owner first");
    }
  }

  private static HubException missing(String id) {
    return HubException.notFound("no member with id " + id);
  }

  private static Member row(ResultSet row) throws SQLException {
    return new Member(
        row.getString("id"),
        row.getString("name"),
        Role.parse(row.getString("role")),
        row.getLong("created_at"));
  }
}
