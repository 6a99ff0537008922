// Pairing as a TV signs in (RFC 8628): show the user code, poll for the token at the interval the
// hub asks, slower when it says slow_down, and start again when the codes expire or are refused.

import { ApiError, call, sleep } from '../shared/api.js';
import { channelPublicKey } from './channel-key.js';

const STORAGE_KEY = 'hearth.display';

/** The stored pairing, if it belongs to this hub (this origin). */
export function storedPairing() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
    return saved && saved.origin === location.origin && saved.token ? saved : null;
  } catch (e) {
    return null;
  }
}

export function forgetPairing() {
  localStorage.removeItem(STORAGE_KEY);
}

function remember(answer) {
  const saved = {
    origin: location.origin,
    token: answer.access_token,
    displayId: answer.display_id,
    // The hub's LAN addresses and certificate fingerprint, for reaching it directly later, and
    // (when this display pinned a channel key) the hub's channel key and relay id, for away.
    hub: answer.hub || null,
  };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
  return saved;
}

/** Polls until approved (resolves with the pairing), or until the codes are of no more use. */
async function poll(codes) {
  let interval = Math.max(1, codes.interval || 5);
  const deadline = Date.now() + (codes.expires_in || 600) * 1000;
  while (Date.now() < deadline) {
    await sleep(interval * 1000);
    try {
      return remember(await call('POST', '/api/v1/displays/token', null,
        { device_code: codes.device_code }));
    } catch (e) {
      if (!(e instanceof ApiError) || e.code === 'authorization_pending') {
        continue;
      }
      if (e.code === 'slow_down') {
        interval += 5;
        continue;
      }
      return { failed: e.code || e.message };
    }
  }
  return { failed: 'expired_token' };
}

const WHY = {
  access_denied: 'The owner refused this display. A new code is below.',
  expired_token: 'The code expired. A new code is below.',
  invalid_grant: 'The code is no longer valid. A new code is below.',
};

/**
 * Runs pairing until this display holds a token. `show({userCode, verificationUri, note})` is
 * called with each new code.
 */
export async function pair(show, firstNote = '') {
  let note = firstNote;
  const channelKey = await channelPublicKey();
  for (;;) {
    let codes;
    try {
      codes = await call('POST', '/api/v1/displays/pair', null,
        channelKey ? { channel_key: channelKey } : {});
    } catch (e) {
      show({ userCode: '', verificationUri: '', note: 'Cannot reach the hub just now. Trying again…' });
      await sleep(5000);
      continue;
    }
    show({ userCode: codes.user_code, verificationUri: codes.verification_uri, note });
    const result = await poll(codes);
    if (!result.failed) {
      return result;
    }
    note = WHY[result.failed] || 'Pairing did not finish. A new code is below.';
  }
}
