package io.hearth.runtime.security;

import io.hearth.runtime.domain.Member;
import io.hearth.runtime.domain.Passkey;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.CredentialStore;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.MemberStore;
import io.hearth.runtime.store.SigninStore;
import io.hearth.runtime.store.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What people sign in with: a password hash per member (computed and checked by the caller, off the
 * event loop; this class only keeps the string) and passkeys. Changing a password ends the member's
 * other sign-ins; every change is audited, never with a secret in it.
 */
public final class Credentials {
  private final Database db;

  public Credentials(Database db) {
    this.db = db;
  }

  /** A member who could be signing in under a name, and their password hash (null: none). */
  public record Candidate(Member member, String passwordHash) {}

  /** Members whose name matches (trimmed, ignoring case), with their password hashes. */
  public Future<List<Candidate>> candidates(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return db.read(
        c -> {
          List<Candidate> found = new ArrayList<>();
          for (String id :
              Sql.list(
                  c, "SELECT id, name FROM member ORDER BY id", row -> matching(row, wanted))) {
            if (id != null) {
              Member m = MemberStore.findForToken(c, id).orElseThrow();
              found.add(new Candidate(m, CredentialStore.passwordHash(c, id).orElse(null)));
            }
          }
          return found;
        });
  }

  private static String matching(java.sql.ResultSet row, String wanted) throws SQLException {
    String name = row.getString("name").trim().toLowerCase(Locale.ROOT);
    return name.equals(wanted) ? row.getString("id") : null;
  }

  public Future<Optional<String>> passwordHash(String memberId) {
    return db.read(c -> CredentialStore.passwordHash(c, memberId));
  }

  /**
   * Sets a member's password hash and ends their other sign-ins (all but {@code keepSignin}, the
   * one making the change, or none when null).
   */
  public Future<Void> setPassword(Principal actor, String memberId, String hash, String keep) {
    return db.write(
        c -> {
          setIn(c, actor, memberId, hash, keep);
          return null;
        });
  }

  private static void setIn(
      Connection c, Principal actor, String memberId, String hash, String keep)
      throws SQLException {
    if (MemberStore.findForToken(c, memberId).isEmpty()) {
      throw HubException.notFound("no member with id " + memberId);
    }
    long now = System.currentTimeMillis();
    CredentialStore.setPassword(c, memberId, hash, now);
    int ended = SigninStore.revokeAllOf(c, memberId, keep, now);
    AuditLog.append(
        c, actor, "member.password", memberId, new JsonObject().put("signins_ended", ended));
  }

  /** True once an owner has a password or passkey: the first-start set-up is over. */
  public Future<Boolean> setupDone() {
    return db.read(CredentialStore::ownerCanSignIn);
  }

  /** The first-start set-up: the owner's first password, refused (409) once set-up is over. */
  public Future<Void> setUpOwner(Principal owner, String hash) {
    return db.write(
        c -> {
          if (CredentialStore.ownerCanSignIn(c)) {
            throw HubException.conflict(
                "set-up is done: the owner can sign in already; sign in at /signin/");
          }
          setIn(c, owner, owner.id(), hash, null);
          return null;
        });
  }

  public Future<List<Passkey>> passkeys(String memberId) {
    return db.read(c -> CredentialStore.passkeysOf(c, memberId));
  }

  public Future<Optional<Passkey>> passkeyByCredentialId(byte[] credentialId) {
    return db.read(c -> CredentialStore.passkeyByCredentialId(c, credentialId));
  }

  public Future<Passkey> addPasskey(Principal actor, Passkey passkey) {
    return db.write(
        c -> {
          if (CredentialStore.passkeyByCredentialId(c, passkey.credentialId()).isPresent()) {
            throw HubException.conflict("this passkey is registered already");
          }
          CredentialStore.insertPasskey(c, passkey);
          AuditLog.append(c, actor, "passkey.create", passkey.id(), passkey.toJson());
          return passkey;
        });
  }

  /** Records a passkey's use and its new signature counter (outside access: no grant moves). */
  public Future<Void> passkeyUsed(String id, long signCount) {
    return db.writeOutsideAccess(
        c -> {
          CredentialStore.passkeyUsed(c, id, signCount, System.currentTimeMillis());
          return null;
        });
  }

  /**
   * Deletes a passkey of {@code memberId} (null: of anyone, for the owner) and, in the same
   * transaction, ends every live sign-in it opened (a lost phone's sessions end with its passkey)
   * but {@code keep}, the sign-in making the removal (null: none kept), as a password change keeps
   * it; answers how many sign-ins ended, which the audit entry says too.
   */
  public Future<Integer> deletePasskey(Principal actor, String id, String memberId, String keep) {
    return db.write(
        c -> {
          Passkey found =
              CredentialStore.passkeyById(c, id)
                  .filter(k -> memberId == null || k.memberId().equals(memberId))
                  .orElseThrow(() -> HubException.notFound("no passkey with id " + id));
          CredentialStore.deletePasskey(c, found.id());
          int ended = SigninStore.revokeOpenedWith(c, found.id(), keep, System.currentTimeMillis());
          AuditLog.append(
              c, actor, "passkey.delete", id, found.toJson().put("signins_ended", ended));
          return ended;
        });
  }
}
