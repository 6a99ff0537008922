package io.hearth.bridge.channel;

import io.hearth.runtime.store.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The hub's static X25519 key for end-to-end channels, made on first use and kept like the relay
 * key: a file in the data directory readable by the hub's user only, its public half beside it.
 * Displays learn the public half at pairing on the home network and pin it.
 */
public final class ChannelKey {
  public static final String FILE = "channel.key";

  private ChannelKey() {}

  public static KeyPair loadOrCreate(Path file) throws IOException, GeneralSecurityException {
    KeyFactory factory = KeyFactory.getInstance("X25519");
    Path pub = file.resolveSibling(file.getFileName() + ".pub");
    if (Files.exists(file)) {
      PrivateKey privateKey =
          factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
      PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub)));
      return new KeyPair(publicKey, privateKey);
    }
    KeyPair made = X25519.generate();
    SecureFiles.writeNewPrivateFile(file, made.getPrivate().getEncoded());
    SecureFiles.writeNewPrivateFile(pub, made.getPublic().getEncoded());
    return made;
  }
}
