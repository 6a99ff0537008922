// Talking to the hub from the sign-in and set-up pages: same-origin fetches that carry the
// sign-in cookies, the CSRF header (the hearth_csrf cookie's value, on every request), and the
// hub's own words when something goes wrong. Passkey helpers turn the hub's base64url options
// into what navigator.credentials wants, and the browser's answer back into base64url.

export function csrf() {
  const m = document.cookie.match(/(?:^|;\s*)hearth_csrf=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : '';
}

export async function call(method, path, body, headers = {}) {
  let res;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Hearth-CSRF': csrf(), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new Error('The hub did not answer. Check that it is running and that this device is on the home network.');
  }
  let data = null;
  try {
    data = await res.json();
  } catch (e) {
    data = null;
  }
  if (!res.ok) {
    const error = new Error(data && data.message ? sentence(data.message) : `The hub refused (${res.status}). Try again.`);
    error.status = res.status;
    error.code = data && data.error;
    throw error;
  }
  return data;
}

function sentence(text) {
  const t = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(t) ? t : t + '.';
}

function bytes(b64url) {
  const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

function b64url(buffer) {
  let raw = '';
  new Uint8Array(buffer).forEach((b) => { raw += String.fromCharCode(b); });
  return btoa(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function passkeysUsable() {
  return window.isSecureContext && 'credentials' in navigator && typeof PublicKeyCredential !== 'undefined';
}

/** Why a passkey ceremony failed, in words. */
export function passkeyTrouble(e) {
  if (e && e.name === 'NotAllowedError') {
    return 'The passkey request was cancelled or timed out. Press the button to try again.';
  }
  if (e && e.name === 'InvalidStateError') {
    return 'This device already holds a passkey for you on this hub.';
  }
  if (e && e.name === 'SecurityError') {
    return 'Passkeys need the hub opened by its name (not an IP address) over HTTPS.';
  }
  return e && e.message ? e.message : 'The passkey did not work. Try again, or use your password.';
}

/** Registers a new passkey for whoever is signed in; returns the hub's record of it. */
export async function addPasskey(name) {
  const { challenge_id: id, public_key: pk } = await call('POST', '/api/v1/passkeys/options', {});
  const publicKey = {
    ...pk,
    challenge: bytes(pk.challenge),
    user: { ...pk.user, id: bytes(pk.user.id) },
    excludeCredentials: (pk.excludeCredentials || []).map((c) => ({ ...c, id: bytes(c.id) })),
  };
  const made = await navigator.credentials.create({ publicKey });
  return call('POST', '/api/v1/passkeys', {
    challenge_id: id,
    name,
    credential: {
      id: b64url(made.rawId),
      client_data: b64url(made.response.clientDataJSON),
      attestation_object: b64url(made.response.attestationObject),
    },
  });
}

/** Signs in with a passkey this device holds (the browser lets the person pick one). */
export async function signInWithPasskey() {
  const { challenge_id: id, public_key: pk } = await call('POST', '/api/v1/signin/passkey/options', {});
  const got = await navigator.credentials.get({ publicKey: { ...pk, challenge: bytes(pk.challenge) } });
  return call('POST', '/api/v1/signin/passkey', {
    challenge_id: id,
    credential: {
      id: b64url(got.rawId),
      client_data: b64url(got.response.clientDataJSON),
      authenticator_data: b64url(got.response.authenticatorData),
      signature: b64url(got.response.signature),
      user_handle: got.response.userHandle ? b64url(got.response.userHandle) : null,
    },
  });
}

/** Where to sign in when this page is plain HTTP on the LAN (no secure cookie would be kept). */
export function httpsUrl(port, path) {
  return `https://${location.hostname}:${port}${path}`;
}
