package io.hearth.runtime.security;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.GrantStore;
import io.hearth.runtime.store.Sql;
import io.hearth.runtime.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class AccessTest {
  static final Principal ANA =
      new Principal(PrincipalKind.MEMBER, "mem_ana", "Ana", Role.ADULT, "t1");
  static final Principal OWNER =
      new Principal(PrincipalKind.MEMBER, "mem_own", "O", Role.OWNER, "t0");
  static final Principal DISPLAY =
      new Principal(PrincipalKind.DISPLAY, "mem_ana", "TV", null, "t2");

  @TempDir Path dir;
  Vertx vertx;
  Database db;
  GrantStore grants;
  Access access;

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    db = Database.open(vertx, dir.resolve("hearth.db"));
    grants = new GrantStore(db);
    access = new Access(grants);
    for (String camera : new String[] {"cam_nursery", "cam_door"}) {
      get(
          db.write(
              c ->
                  Sql.update(
                      c,
                      "INSERT INTO device (id, kind, name, protocol, created_at)"
                          + " VALUES (?, 'camera', ?, 'rtsp', 1)",
                      camera,
                      camera)));
    }
    // Grants name principals that exist: Ana and the owner are members.
    TestDatabase.addMembers(db, OWNER, ANA);
  }

  @AfterEach
  void close() {
    db.close();
    vertx.close();
  }

  @Test
  void aGrantOpensExactlyItsCameraAndScope() throws Exception {
    get(
        grants.put(
            OWNER, PrincipalKind.MEMBER, ANA.id(), "cam_door", Set.of(Scope.LIVE), false, null));
    assertNotNull(get(access.check(ANA, "cam_door", Scope.LIVE, false)));
    assertForbidden(ANA, "cam_nursery", Scope.LIVE, false);
    assertForbidden(ANA, "cam_door", Scope.SNAPSHOT, false);
    assertForbidden(ANA, "cam_door", Scope.LIVE, true);
  }

  @Test
  void aDisplayWithTheSameIdAsAMemberGetsNothingOfTheMembers() throws Exception {
    get(
        grants.put(
            OWNER,
            PrincipalKind.MEMBER,
            ANA.id(),
            "cam_door",
            EnumSet.allOf(Scope.class),
            true,
            null));
    assertForbidden(DISPLAY, "cam_door", Scope.LIVE, false);
  }

  @Test
  void expiredAndRevokedGrantsDenyAtOnce() throws Exception {
    get(
        grants.put(
            OWNER,
            PrincipalKind.MEMBER,
            ANA.id(),
            "cam_door",
            Set.of(Scope.LIVE),
            true,
            System.currentTimeMillis() - 1));
    assertForbidden(ANA, "cam_door", Scope.LIVE, false);
    var live =
        get(
            grants.put(
                OWNER, PrincipalKind.MEMBER, ANA.id(), "cam_door", Set.of(Scope.LIVE), true, null));
    assertNotNull(get(access.check(ANA, "cam_door", Scope.LIVE, true)));
    get(grants.revoke(OWNER, live.id()));
    assertForbidden(ANA, "cam_door", Scope.LIVE, false);
  }

  @Test
  void theOwnerNeedsNoGrantButAGrantNeedsAnExistingCamera() throws Exception {
    get(access.check(OWNER, "cam_nursery", Scope.LIVE, true));
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                get(
                    grants.put(
                        OWNER,
                        PrincipalKind.MEMBER,
                        ANA.id(),
                        "cam_nowhere",
                        Set.of(Scope.LIVE),
                        false,
                        null)));
    assertEquals(404, ((HubException) e.getCause()).status());
  }

  private void assertForbidden(Principal who, String camera, Scope scope, boolean away) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> get(access.check(who, camera, scope, away)));
    assertEquals(403, ((HubException) e.getCause()).status());
  }
}
