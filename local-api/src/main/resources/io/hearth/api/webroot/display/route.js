// How this display reaches its hub: at home, the page's own origin on the home network; away,
// through the relay learnt at pairing, end to end (relay-channel.js). The home network is always
// tried first, with a short timeout; the answer is kept a few seconds so the tiles of one page
// do not each wait for it. Both routes give the same sealed chunks to the same verifier.

import { call } from '../shared/api.js';
import { channelKeyPair } from './channel-key.js';
import { RelayChannel } from './relay-channel.js';

const LAN_TIMEOUT_MS = 1500;
const KEEP_ANSWER_MS = 3000;
const STREAM_PATH = '/api/v1/streams/';

/** The WebSocket address of a stream URL the hub gave (its own path only), on this origin. */
export function socketUrl(wsUrl) {
  if (typeof wsUrl !== 'string' || !wsUrl.startsWith(STREAM_PATH)) {
    throw new Error('the hub gave an unexpected stream URL');
  }
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${wsUrl}`;
}

/** What the pairing says about reaching the hub from away, or null. */
function awayOf(pairing) {
  const channel = pairing.hub && pairing.hub.channel;
  const ok = channel && typeof channel.relay_url === 'string' && channel.relay_url.startsWith('wss://')
    && channel.hub_key && channel.relay_id;
  return ok ? channel : null;
}

export class Route {
  constructor(pairing, onChange) {
    this.token = pairing.token;
    this.away = awayOf(pairing);
    this.onChange = onChange;
    this.where = '';
    this.checked = null;
    this.checkedAt = 0;
    // The hub said the owner turned watching from away off; cleared once a channel opens again.
    this.awayOff = false;
  }

  /** 'home' or 'away': the home network if the hub answers there in time, else the relay. */
  async current() {
    if (!this.checked || Date.now() - this.checkedAt > KEEP_ANSWER_MS) {
      this.checkedAt = Date.now();
      this.checked = this.probe();
    }
    const where = await this.checked;
    if (where === 'home') {
      this.awayOff = false;
    }
    if (where !== this.where) {
      this.where = where;
      this.onChange(where);
    }
    return where;
  }

  async probe() {
    if (!this.away) {
      return 'home';
    }
    try {
      await fetch('/api/v1/health', { cache: 'no-store', signal: AbortSignal.timeout(LAN_TIMEOUT_MS) });
      return 'home';
    } catch (e) {
      this.checkedAt = Date.now();
      return 'away';
    }
  }

  /** A call on the home network; when no answer came at all, ask again where the hub is. */
  async atHome(method, path, body) {
    try {
      return await call(method, path, this.token, body);
    } catch (e) {
      if (e instanceof TypeError) {
        this.checked = null;
      }
      throw e;
    }
  }

  async channel() {
    const pair = await channelKeyPair();
    if (!pair) {
      throw new Error('this browser cannot make the channel key (no WebCrypto X25519)');
    }
    const channel = await RelayChannel.open(this.away, pair);
    this.awayOff = false;
    return channel;
  }

  async cameras() {
    if (await this.current() === 'home') {
      return (await this.atHome('GET', '/api/v1/cameras')).cameras || [];
    }
    const channel = await this.channel();
    try {
      return (await channel.request({ op: 'cameras' })).cameras || [];
    } finally {
      channel.close();
    }
  }

  /** Opens a stream session for a camera; the answer is the LAN's session object. */
  async openSession(cameraId, format) {
    if (await this.current() === 'home') {
      const path = `/api/v1/cameras/${encodeURIComponent(cameraId)}/sessions`;
      return this.atHome('POST', path, { format });
    }
    const channel = await this.channel();
    try {
      const answer = await channel.request({ op: 'open', camera_id: cameraId, format });
      return { ...answer.session, channel };
    } catch (e) {
      channel.close();
      throw e;
    }
  }

  /** The session's chunks to `onChunk(ArrayBuffer)`, its end to `onEnd({code, reason})`. */
  stream(session, onChunk, onEnd) {
    if (session.channel) {
      return session.channel.stream(onChunk, onEnd);
    }
    const ws = new WebSocket(socketUrl(session.ws_url));
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (event) => onChunk(event.data);
    ws.onclose = (event) => onEnd(event);
    return ws;
  }
}
