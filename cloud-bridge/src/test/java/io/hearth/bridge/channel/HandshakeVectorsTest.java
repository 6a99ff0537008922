package io.hearth.bridge.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The known answer of the channel's handshake: fixed static and ephemeral keys give exactly the
 * messages, handshake hash, transport keys and first transport messages written in
 * docs/noise-kk-vectors.json. The display page's JavaScript is held to the same file (local-api's
 * NoiseVectorsJsTest), so the two ends can never drift apart.
 */
class HandshakeVectorsTest {
  static final Path VECTORS = Path.of("..", "docs", "noise-kk-vectors.json");
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] PKCS8_PREFIX = HEX.parseHex("302e020100300506032b656e04220420");
  private static final byte[] BASE_POINT = new byte[32];

  static {
    BASE_POINT[0] = 9;
  }

  @Test
  void fixedKeysGiveTheWrittenTranscriptKeysAndMessages() throws Exception {
    JsonObject v = new JsonObject(Files.readString(VECTORS));
    JsonObject computed = compute(v);
    for (String field : computed.fieldNames()) {
      assertEquals(v.getValue(field), computed.getValue(field), field);
    }
  }

  /** Runs both sides with the vector's keys and gives every output as hex. */
  static JsonObject compute(JsonObject v) throws Exception {
    KeyPair initiator = pair(v.getString("initiator_static_private"));
    KeyPair responder = pair(v.getString("responder_static_private"));
    String relayId = v.getString("relay_id");
    Handshake i = Handshake.initiator(initiator, X25519.raw(responder.getPublic()), relayId);
    Handshake r = Handshake.responder(responder, X25519.raw(initiator.getPublic()), relayId);
    byte[] first = i.writeFirst(pair(v.getString("initiator_ephemeral_private")));
    r.readFirst(first);
    byte[][] second = new byte[1][];
    Channel atHub = r.writeSecond(pair(v.getString("responder_ephemeral_private")), second);
    Channel atDisplay = i.readSecond(second[0]);
    assertArrayEquals(i.hash(), r.hash(), "the two sides' transcripts differ");
    byte[] ping = v.getString("initiator_plaintext").getBytes(StandardCharsets.UTF_8);
    byte[] pong = v.getString("responder_plaintext").getBytes(StandardCharsets.UTF_8);
    byte[] sealedPing = atDisplay.seal(ping);
    byte[] sealedPong = atHub.seal(pong);
    assertArrayEquals(ping, atHub.open(sealedPing));
    assertArrayEquals(pong, atDisplay.open(sealedPong));
    return new JsonObject()
        .put("initiator_static_public", hex(X25519.raw(initiator.getPublic())))
        .put("responder_static_public", hex(X25519.raw(responder.getPublic())))
        .put("message_1", hex(first))
        .put("message_2", hex(second[0]))
        .put("handshake_hash", hex(i.hash()))
        .put("key_initiator_to_responder", hex(atDisplay.send.keyBytes()))
        .put("key_responder_to_initiator", hex(atDisplay.receive.keyBytes()))
        .put("initiator_ciphertext", hex(sealedPing))
        .put("responder_ciphertext", hex(sealedPong));
  }

  /** A key pair from 32 raw private bytes; the public half is the scalar times the base point. */
  static KeyPair pair(String privateHex) throws Exception {
    byte[] raw = HEX.parseHex(privateHex);
    byte[] pkcs8 = SymmetricState.concat(PKCS8_PREFIX, raw);
    PrivateKey key =
        KeyFactory.getInstance("X25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    return new KeyPair(X25519.publicKey(X25519.dh(key, BASE_POINT)), key);
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
