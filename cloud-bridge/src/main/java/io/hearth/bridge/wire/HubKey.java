package io.hearth.bridge.wire;

import io.hearth.runtime.store.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The hub's relay key: an Ed25519 key pair made on first use and kept in the data directory,
 * readable by the hub's user only. Its public half names the hub at the relay ({@link RelayIds});
 * its private half signs the relay's challenges ({@link HubProof}) and never leaves the hub.
 */
public final class HubKey {
  private final KeyPair pair;

  private HubKey(KeyPair pair) {
    this.pair = pair;
  }

  /** Loads the key from {@code file}, or makes one and stores it there (0600). */
  public static HubKey loadOrCreate(Path file) throws IOException, GeneralSecurityException {
    KeyFactory factory = KeyFactory.getInstance("Ed25519");
    if (Files.exists(file)) {
      PrivateKey privateKey =
          factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
      Path pub = publicFile(file);
      PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub)));
      return new HubKey(new KeyPair(publicKey, privateKey));
    }
    KeyPair made = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    SecureFiles.writeNewPrivateFile(file, made.getPrivate().getEncoded());
    SecureFiles.writeNewPrivateFile(publicFile(file), made.getPublic().getEncoded());
    return new HubKey(made);
  }

  /** A key held in memory only (tests, and a hub whose data directory is read-only). */
  public static HubKey generate() throws GeneralSecurityException {
    return new HubKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
  }

  /** The public key, X.509 SubjectPublicKeyInfo encoded. */
  public byte[] publicKey() {
    return pair.getPublic().getEncoded();
  }

  /** This hub's id at any relay. */
  public String relayId() {
    return RelayIds.of(publicKey());
  }

  /** Signs what {@link HubProof#signed} says a relay's challenge binds. */
  public byte[] sign(byte[] message) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("Ed25519");
    signature.initSign(pair.getPrivate());
    signature.update(message);
    return signature.sign();
  }

  private static Path publicFile(Path file) {
    return file.resolveSibling(file.getFileName() + ".pub");
  }
}
