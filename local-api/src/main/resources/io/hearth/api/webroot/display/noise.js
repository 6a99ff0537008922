// The display's end of the end-to-end channel with its hub (docs/relay.md): Noise KK
// (Noise_KK_25519_AESGCM_SHA256, rev. 34) as the initiator, WebCrypto only: X25519, HKDF as Noise
// defines it (RFC 5869 with HMAC-SHA256), AES-256-GCM with counter nonces. The hub's end is
// io.hearth.bridge.channel in Java; docs/noise-kk-vectors.json holds both to the same bytes.
// No DOM here, so the known-answer test runs this file in Node as well.

const PROTOCOL = 'Noise_KK_25519_AESGCM_SHA256';
const KEY_BYTES = 32;
const TAG_BYTES = 16;
export const MESSAGE_BYTES = KEY_BYTES + TAG_BYTES;
export const MAX_PLAINTEXT = 65536;
export const MAX_CIPHERTEXT = MAX_PLAINTEXT + TAG_BYTES;
const EMPTY = new Uint8Array(0);
const MAX_NONCE = 0xffffffffffffffffn;
const subtle = () => globalThis.crypto.subtle;

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  parts.forEach((p) => {
    out.set(p, at);
    at += p.length;
  });
  return out;
}

async function sha256(...parts) {
  return new Uint8Array(await subtle().digest('SHA-256', concat(...parts)));
}

async function hmac(key, data) {
  const k = await subtle().importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', k, data));
}

/** HKDF with two outputs: RFC 5869 extract and expand, HMAC-SHA256, empty info (Noise 4.3). */
async function hkdf(chainingKey, ikm) {
  const prk = await hmac(chainingKey, ikm);
  const first = await hmac(prk, Uint8Array.of(1));
  const second = await hmac(prk, concat(first, Uint8Array.of(2)));
  return [first, second];
}

/** The shared secret of our private key and their raw 32-byte public key. */
async function dh(privateKey, theirRaw) {
  const theirs = await subtle().importKey('raw', theirRaw, { name: 'X25519' }, true, []);
  return new Uint8Array(await subtle().deriveBits({ name: 'X25519', public: theirs }, privateKey, 256));
}

export async function rawPublic(publicKey) {
  return new Uint8Array(await subtle().exportKey('raw', publicKey));
}

/** One direction's AES-256-GCM key; the nonce is 4 zero bytes and a 64-bit counter, taken in call order. */
class CipherState {
  static async of(raw) {
    const key = await subtle().importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
    return new CipherState(key);
  }

  constructor(key) {
    this.key = key;
    this.n = 0n;
  }

  params(ad) {
    if (this.n >= MAX_NONCE) {
      throw new Error('nonces exhausted');
    }
    const iv = new Uint8Array(12);
    new DataView(iv.buffer).setBigUint64(4, this.n, false);
    this.n += 1n;
    return { name: 'AES-GCM', iv, additionalData: ad, tagLength: TAG_BYTES * 8 };
  }

  async encrypt(ad, plaintext) {
    return new Uint8Array(await subtle().encrypt(this.params(ad), this.key, plaintext));
  }

  async decrypt(ad, ciphertext) {
    return new Uint8Array(await subtle().decrypt(this.params(ad), this.key, ciphertext));
  }
}

/** Noise's SymmetricState: chaining key, handshake hash, current handshake key. */
class SymmetricState {
  constructor() {
    this.h = new Uint8Array(32); // the name is shorter than the hash: zero-padded
    this.h.set(new TextEncoder().encode(PROTOCOL));
    this.ck = this.h.slice();
    this.k = null;
  }

  async mixHash(data) {
    this.h = await sha256(this.h, data);
  }

  async mixKey(ikm) {
    const [ck, k] = await hkdf(this.ck, ikm);
    this.ck = ck;
    this.k = await CipherState.of(k);
  }

  async encryptAndHash(plaintext) {
    const ciphertext = this.k ? await this.k.encrypt(this.h, plaintext) : plaintext;
    await this.mixHash(ciphertext);
    return ciphertext;
  }

  async decryptAndHash(ciphertext) {
    const plaintext = this.k ? await this.k.decrypt(this.h, ciphertext) : ciphertext;
    await this.mixHash(ciphertext);
    return plaintext;
  }
}

/** An established channel: seal what goes to the hub, open what comes from it, in order. */
export class Channel {
  constructor(send, receive) {
    this.send = send;
    this.receive = receive;
  }

  seal(plaintext) {
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new Error(`channel message over ${MAX_PLAINTEXT} bytes`);
    }
    return this.send.encrypt(EMPTY, plaintext);
  }

  open(ciphertext) {
    if (ciphertext.length > MAX_CIPHERTEXT || ciphertext.length < TAG_BYTES) {
      throw new Error('channel message of a wrong size');
    }
    return this.receive.decrypt(EMPTY, ciphertext);
  }
}

/**
 * The display's side of the handshake: `pair` is its static X25519 key pair (CryptoKeys, the
 * private half non-extractable), `hubKey` the hub's raw static key and `relayId` the hub's relay
 * id, both learnt at pairing on the home network.
 */
export class Initiator {
  static async create(pair, hubKey, relayId) {
    if (!/^[a-z2-7]{1,64}$/.test(relayId) || hubKey.length !== KEY_BYTES) {
      throw new Error('the pairing holds no usable channel key');
    }
    const state = new SymmetricState();
    await state.mixHash(new TextEncoder().encode(`hearth-channel-v1\0${relayId}`));
    await state.mixHash(await rawPublic(pair.publicKey));
    await state.mixHash(hubKey);
    return new Initiator(state, pair, hubKey);
  }

  constructor(state, pair, hubKey) {
    this.state = state;
    this.pair = pair;
    this.hubKey = hubKey;
  }

  /** The transcript hash so far (Noise's h). */
  get hash() {
    return this.state.h;
  }

  /** `-> e, es, ss`; `ephemeral` is for the known-answer test only (else a fresh one). */
  async writeFirst(ephemeral) {
    this.ephemeral = ephemeral
      || await subtle().generateKey({ name: 'X25519' }, false, ['deriveBits']);
    const e = await rawPublic(this.ephemeral.publicKey);
    await this.state.mixHash(e);
    await this.state.mixKey(await dh(this.ephemeral.privateKey, this.hubKey));
    await this.state.mixKey(await dh(this.pair.privateKey, this.hubKey));
    return concat(e, await this.state.encryptAndHash(EMPTY));
  }

  /** `<- e, ee, se`; gives the channel, or throws when the answer is not from the pinned hub. */
  async readSecond(message) {
    if (!(message instanceof Uint8Array) || message.length !== MESSAGE_BYTES) {
      throw new Error('handshake message of the wrong size');
    }
    const re = message.slice(0, KEY_BYTES);
    await this.state.mixHash(re);
    await this.state.mixKey(await dh(this.ephemeral.privateKey, re));
    await this.state.mixKey(await dh(this.pair.privateKey, re));
    await this.state.decryptAndHash(message.slice(KEY_BYTES));
    const [toHub, fromHub] = await hkdf(this.state.ck, EMPTY);
    this.state.ck = null;
    this.split = { toHub, fromHub }; // read by the known-answer test; dropped with this object
    return new Channel(await CipherState.of(toHub), await CipherState.of(fromHub));
  }
}
