package io.hearth.bridge.wire;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * How a hub proves to a relay that it holds the key its id is derived from: the relay sends a fresh
 * 32-byte nonce; the hub answers with its public key and an Ed25519 signature over {@code
 * "hearth-relay-hub-v1" 0x00 relay-name 0x00 nonce}. The relay name binds the proof to the relay
 * the hub meant to reach, and a fresh nonce per connection makes a recorded proof useless.
 */
public final class HubProof {
  public static final int NONCE_BYTES = 32;
  private static final int MAX_KEY_BYTES = 128;
  private static final String CONTEXT = "hearth-relay-hub-v1";

  private HubProof() {}

  /** The bytes a hub signs for this relay and nonce. */
  public static byte[] signed(String relayName, byte[] nonce) {
    Buffer b = Buffer.buffer();
    b.appendString(CONTEXT).appendByte((byte) 0);
    b.appendBytes(relayName.getBytes(StandardCharsets.UTF_8)).appendByte((byte) 0);
    b.appendBytes(nonce);
    return b.getBytes();
  }

  /** The PROVE payload: 2-byte key length, the key, the signature. */
  public static Buffer answer(HubKey key, String relayName, byte[] nonce)
      throws GeneralSecurityException {
    byte[] publicKey = key.publicKey();
    return Buffer.buffer()
        .appendUnsignedShort(publicKey.length)
        .appendBytes(publicKey)
        .appendBytes(key.sign(signed(relayName, nonce)));
  }

  /**
   * Checks a PROVE payload against the nonce this relay sent; returns the hub's relay id, or throws
   * {@link SecurityException} saying why it is refused.
   */
  public static String verify(Buffer payload, String relayName, byte[] nonce) {
    if (payload.length() < 2) {
      throw new SecurityException("proof too short");
    }
    int keyLength = payload.getUnsignedShort(0);
    if (keyLength == 0 || keyLength > MAX_KEY_BYTES || payload.length() <= 2 + keyLength) {
      throw new SecurityException("proof has a bad key length");
    }
    byte[] publicKey = payload.getBytes(2, 2 + keyLength);
    byte[] signature = payload.getBytes(2 + keyLength, payload.length());
    try {
      PublicKey key =
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(publicKey));
      Signature check = Signature.getInstance("Ed25519");
      check.initVerify(key);
      check.update(signed(relayName, nonce));
      if (!check.verify(signature)) {
        throw new SecurityException("the signature does not match the key");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SecurityException("proof refused: " + e.getMessage());
    }
    return RelayIds.of(publicKey);
  }
}
