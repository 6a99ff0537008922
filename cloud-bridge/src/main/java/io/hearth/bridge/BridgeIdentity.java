package io.hearth.bridge;

import io.hearth.bridge.channel.ChannelKey;
import io.hearth.bridge.channel.X25519;
import io.hearth.bridge.wire.HubKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Base64;

/**
 * The hub's two bridge keys, both files in the data directory readable by the hub's user only: the
 * Ed25519 relay key (names the hub at a relay) and the X25519 channel key (displays pin it at
 * pairing). Loading makes them on first use; it reads files, so call it off the event loop.
 */
public record BridgeIdentity(KeyPair channel, HubKey relay) {
  public static final String RELAY_KEY_FILE = "relay.key";

  public static BridgeIdentity load(Path dataDir) throws IOException, GeneralSecurityException {
    return new BridgeIdentity(
        ChannelKey.loadOrCreate(dataDir.resolve(ChannelKey.FILE)),
        HubKey.loadOrCreate(dataDir.resolve(RELAY_KEY_FILE)));
  }

  /** The hub's id at any relay. */
  public String relayId() {
    return relay.relayId();
  }

  /** The channel public key as displays pin it: raw 32 bytes, base64url without padding. */
  public String channelPublicKey() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(X25519.raw(channel.getPublic()));
  }
}
