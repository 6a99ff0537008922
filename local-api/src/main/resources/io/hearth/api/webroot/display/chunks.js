// Verifies sealed chunks exactly as docs/wire-format.md section 3 says, before anything else
// looks at their payload: magic and version, a known kind, this session's id, this camera's id,
// exactly the next sequence number, then AES-256-GCM with the header as associated data.

export const Kind = Object.freeze({ INIT: 1, MEDIA: 2, JPEG: 3, CONTROL: 4 });

const MAGIC = [0x48, 0x53];
const VERSION = 1;
const TAG_BYTES = 16;
const MAX_ID = 64;

/** A chunk that must not be used; `message` is the reason reported to the hub. */
export class Rejected extends Error {}

function check(ok, reason) {
  if (!ok) {
    throw new Rejected(reason);
  }
}

export function base64urlToBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function readId(bytes, offset) {
  check(offset < bytes.length, 'truncated chunk');
  const length = bytes[offset];
  check(length >= 1 && length <= MAX_ID, 'bad id length');
  check(offset + 1 + length <= bytes.length, 'truncated chunk');
  const id = String.fromCharCode(...bytes.subarray(offset + 1, offset + 1 + length));
  return { id, next: offset + 1 + length };
}

/** Parses the header without trusting it; throws Rejected when it is malformed. */
export function parseHeader(bytes) {
  check(bytes.length >= 5, 'truncated chunk');
  check(bytes[0] === MAGIC[0] && bytes[1] === MAGIC[1] && bytes[2] === VERSION,
    'not a sealed chunk of version 1');
  const kind = bytes[3];
  check(Object.values(Kind).includes(kind), 'unknown chunk kind');
  const session = readId(bytes, 4);
  const camera = readId(bytes, session.next);
  const headerLength = camera.next + 8;
  check(headerLength + TAG_BYTES <= bytes.length, 'truncated chunk');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sequence = view.getBigUint64(camera.next, false);
  return { kind, sessionId: session.id, cameraId: camera.id, sequence, headerLength };
}

function nonce(sequence) {
  const bytes = new Uint8Array(12);
  new DataView(bytes.buffer).setBigUint64(4, sequence, false);
  return bytes;
}

/** One session's verifier; call open() for each chunk in the order they arrived. */
export class ChunkVerifier {
  static async create(keyText, sessionId, cameraId) {
    const raw = base64urlToBytes(keyText);
    if (raw.length !== 32) {
      throw new Error('the session key is not 32 bytes');
    }
    const key = await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['decrypt']);
    return new ChunkVerifier(key, sessionId, cameraId);
  }

  constructor(key, sessionId, cameraId) {
    this.key = key;
    this.sessionId = sessionId;
    this.cameraId = cameraId;
    this.expected = 0n;
  }

  /** Returns {kind, sequence, payload} of an authentic chunk, or throws Rejected. */
  async open(buffer) {
    check(buffer instanceof ArrayBuffer, 'not a binary chunk');
    const bytes = new Uint8Array(buffer);
    const header = parseHeader(bytes);
    check(header.sessionId === this.sessionId, 'chunk of another session');
    check(header.cameraId === this.cameraId, 'chunk of another camera');
    check(header.sequence === this.expected,
      `sequence ${header.sequence} where ${this.expected} was due`);
    const payload = await this.decrypt(bytes, header);
    this.expected += 1n;
    return { kind: header.kind, sequence: header.sequence, payload: new Uint8Array(payload) };
  }

  async decrypt(bytes, header) {
    const params = {
      name: 'AES-GCM',
      iv: nonce(header.sequence),
      additionalData: bytes.subarray(0, header.headerLength),
      tagLength: TAG_BYTES * 8,
    };
    try {
      return await crypto.subtle.decrypt(params, this.key, bytes.subarray(header.headerLength));
    } catch (e) {
      throw new Rejected('authentication failed');
    }
  }
}
