// Runs the display page's Noise KK initiator (webroot/display/noise.js) on the fixed keys of
// docs/noise-kk-vectors.json and prints what it computed as JSON, for NoiseVectorsJsTest to hold
// against the file. Usage: node noise-vectors.mjs <noise.js> <vectors.json>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [noisePath, vectorsPath] = process.argv.slice(2);
const { Initiator, rawPublic } = await import(pathToFileURL(noisePath).href);
const v = JSON.parse(readFileSync(vectorsPath, 'utf8'));
const subtle = globalThis.crypto.subtle;
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const bytes = (text) => new Uint8Array(Buffer.from(text, 'hex'));
const PKCS8 = bytes('302e020100300506032b656e04220420');
const BASE = new Uint8Array(32);
BASE[0] = 9;

async function pair(privateHex) {
  const privateKey = await subtle.importKey('pkcs8', new Uint8Array([...PKCS8, ...bytes(privateHex)]),
    { name: 'X25519' }, false, ['deriveBits']);
  const base = await subtle.importKey('raw', BASE, { name: 'X25519' }, true, []);
  const raw = await subtle.deriveBits({ name: 'X25519', public: base }, privateKey, 256);
  const publicKey = await subtle.importKey('raw', raw, { name: 'X25519' }, true, []);
  return { privateKey, publicKey };
}

const display = await pair(v.initiator_static_private);
const hub = await pair(v.responder_static_private);
const hubKey = await rawPublic(hub.publicKey);
const initiator = await Initiator.create(display, hubKey, v.relay_id);
const first = await initiator.writeFirst(await pair(v.initiator_ephemeral_private));
const channel = await initiator.readSecond(bytes(v.message_2));
const utf8 = (text) => new TextEncoder().encode(text);
const sealed = await channel.seal(utf8(v.initiator_plaintext));
const opened = await channel.open(bytes(v.responder_ciphertext));
console.log(JSON.stringify({
  initiator_static_public: hex(await rawPublic(display.publicKey)),
  responder_static_public: hex(hubKey),
  message_1: hex(first),
  handshake_hash: hex(initiator.hash),
  key_initiator_to_responder: hex(initiator.split.toHub),
  key_responder_to_initiator: hex(initiator.split.fromHub),
  initiator_ciphertext: hex(sealed),
  responder_plaintext: new TextDecoder().decode(opened),
}));
