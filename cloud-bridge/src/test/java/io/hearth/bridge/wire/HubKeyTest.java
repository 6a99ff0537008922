package io.hearth.bridge.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's relay key on disk, and the proof built from it, checked the way a relay checks it. */
class HubKeyTest {
  @TempDir Path dir;

  @Test
  void theKeyIsMadeOnceReadableByTheHubOnlyAndKeepsTheHubsId() throws Exception {
    Path file = dir.resolve("relay-key");
    HubKey made = HubKey.loadOrCreate(file);
    HubKey loaded = HubKey.loadOrCreate(file);
    assertEquals(made.relayId(), loaded.relayId());
    assertTrue(RelayIds.isWellFormed(made.relayId()), made.relayId());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertNotEquals(made.relayId(), HubKey.generate().relayId());
  }

  @Test
  void aProofHoldsOnlyForItsRelayNameAndNonce() throws Exception {
    HubKey key = HubKey.generate();
    byte[] nonce = new byte[HubProof.NONCE_BYTES];
    nonce[0] = 7;
    Buffer proof = HubProof.answer(key, "relay.example", nonce);
    assertEquals(key.relayId(), HubProof.verify(proof, "relay.example", nonce));
    assertThrows(SecurityException.class, () -> HubProof.verify(proof, "other.example", nonce));
    byte[] other = nonce.clone();
    other[1] = 1;
    assertThrows(SecurityException.class, () -> HubProof.verify(proof, "relay.example", other));
    assertThrows(
        SecurityException.class,
        () -> HubProof.verify(Buffer.buffer(new byte[] {0, 2, 1}), "relay.example", nonce));
  }
}
