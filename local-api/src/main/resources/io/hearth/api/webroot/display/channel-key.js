// The display's static X25519 key for the end-to-end channel with its hub (docs/relay.md): made
// once with WebCrypto, the private half non-extractable, the pair kept in IndexedDB so it survives
// reloads and is never readable by script. The public half goes to the hub at pairing on the home
// network; the hub's answer (its channel key and relay id) is kept with the pairing.

const DB_NAME = 'hearth-display';
const STORE = 'keys';
const ID = 'channel';

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function database() {
  const opening = indexedDB.open(DB_NAME, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
  return request(opening);
}

async function stored(db) {
  return request(db.transaction(STORE).objectStore(STORE).get(ID));
}

async function store(db, pair) {
  const tx = db.transaction(STORE, 'readwrite');
  tx.objectStore(STORE).put(pair, ID);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
}

function base64url(bytes) {
  let text = '';
  new Uint8Array(bytes).forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The key pair ({privateKey, publicKey}), made on first use; null where X25519 is missing. */
export async function channelKeyPair() {
  try {
    const db = await database();
    let pair = await stored(db);
    if (!pair) {
      pair = await crypto.subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
      await store(db, { privateKey: pair.privateKey, publicKey: pair.publicKey });
    }
    return pair;
  } catch (e) {
    return null; // no IndexedDB or no X25519 here: pair for the home network only
  }
}

/** The public key as the hub pins it (raw 32 bytes, base64url), or null. */
export async function channelPublicKey() {
  const pair = await channelKeyPair();
  if (!pair) {
    return null;
  }
  return base64url(await crypto.subtle.exportKey('raw', pair.publicKey));
}
