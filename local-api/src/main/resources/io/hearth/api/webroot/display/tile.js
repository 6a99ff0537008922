// One camera on the display: opens a stream session (at home or through the relay, route.js),
// verifies every chunk before use, plays it, reports rejected chunks, and reconnects with backoff
// (a new session each time).

import { ApiError, call } from '../shared/api.js';
import { ChunkVerifier, Kind, Rejected } from './chunks.js';
import { JpegPlayer } from './jpeg-player.js';
import { MsePlayer } from './mse-player.js';
import { buildTile, formatOf, tileSnapshot } from './tile-view.js';
import { AWAY_OFF } from './relay-channel.js';
import { stateWords } from './words.js';

const MAX_REPORTS_PER_SESSION = 20;
// So many refusals in a row mean the stream is broken for good (a lost chunk leaves a gap that
// no later chunk can close): start again on a new session rather than stare at a frozen picture.
const MAX_REJECTED_IN_A_ROW = 25;
const MAX_BACKOFF_MS = 30000;
// The first retry after a stream drops comes at once (jittered, so that the displays of a home do
// not all arrive in the same instant), then the wait doubles.
const FIRST_RETRY_MS = 250;
// While the hub does not answer at all (restarting, say), never wait longer than this between
// tries: a refused connection costs the hub nothing, and every second of it is a black tile.
const UNREACHABLE_RETRY_MS = 1000;
// While watching from away is off at home, try about this often (jittered): not a hot loop.
const AWAY_OFF_RETRY_MS = 10000;
// The hub's error codes that name the format a camera needs.
const REQUIRED_FORMAT = { format_mjpeg_required: 'mjpeg', format_mse_required: 'mse' };

export { formatOf };

export class Tile {
  /** `hub` has the token and onUnauthorized(), called when the hub no longer knows the token. */
  constructor(camera, hub) {
    this.camera = camera;
    this.hub = hub;
    this.format = formatOf(camera);
    this.state = 'idle';
    this.detail = '';
    this.rejected = 0;
    this.verified = 0;
    this.framesBefore = 0;
    this.attempts = 0;
    this.conn = null;
    this.stopped = true;
    buildTile(this);
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.closeConnection();
  }

  setState(state, detail = '') {
    this.state = state;
    this.detail = detail;
    this.changedAt = Date.now();
    this.root.dataset.state = state;
    this.stateLine.textContent = stateWords(state, detail);
    if (state === 'ended') {
      this.hub.onEnded?.();
    }
  }

  async connect() {
    if (this.stopped) {
      return;
    }
    if (this.state !== 'ended' && this.state !== 'away-off') {
      this.setState('connecting');
    }
    try {
      const session = await this.openSession();
      const verifier =
        await ChunkVerifier.create(session.key, session.session_id, this.camera.id);
      if (session.camera_id !== this.camera.id) {
        throw new Error('the hub opened a session for another camera');
      }
      this.openSocket(session, verifier);
    } catch (e) {
      this.failed(e);
    }
  }

  async openSession() {
    const route = this.hub.route;
    try {
      return await route.openSession(this.camera.id, this.format);
    } catch (e) {
      const wanted = e instanceof ApiError ? REQUIRED_FORMAT[e.code] : undefined;
      if (!wanted || wanted === this.format) {
        throw e;
      }
      this.switchFormat(wanted);
      return route.openSession(this.camera.id, this.format);
    }
  }

  switchFormat(format) {
    this.format = format;
    this.stage.replaceChildren(format === 'mse' ? this.video : this.canvas);
  }

  failed(error) {
    if (this.stopped) {
      return;
    }
    if (error instanceof ApiError && error.status === 401) {
      this.hub.onUnauthorized();
      return;
    }
    if (this.hub.route.awayOff || (error instanceof ApiError && error.code === AWAY_OFF)) {
      this.awayOff(error.message);
      return;
    }
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
      this.setState('ended', 'this display may no longer see this camera');
      this.retry(MAX_BACKOFF_MS);
      return;
    }
    this.setState('reconnecting', error.message);
    // fetch() rejects with a TypeError when no answer came back at all.
    this.retry(0, error instanceof TypeError);
  }

  /** The owner turned watching from away off: say so, and ask again now and then. */
  awayOff(detail) {
    this.hub.route.awayOff = true;
    this.setState('away-off', detail);
    this.retry(AWAY_OFF_RETRY_MS * (0.5 + Math.random() / 2));
  }

  retry(delay, unreachable = false) {
    const cap = unreachable ? UNREACHABLE_RETRY_MS : MAX_BACKOFF_MS;
    const base = Math.min(cap, FIRST_RETRY_MS * 2 ** this.attempts);
    this.attempts += 1;
    const wait = delay || base * (0.5 + Math.random() / 2);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), wait);
  }

  openSocket(session, verifier) {
    const player = this.format === 'mse'
      ? new MsePlayer(this.video, (m) => this.playerFailed(conn, m))
      : new JpegPlayer(this.canvas, (m) => this.playerFailed(conn, m));
    const conn = { session, verifier, player, reports: 0, inARow: 0, endReason: null };
    let chain = Promise.resolve();
    // The LAN's WebSocket or the relay's channel: either way sealed chunks, in order.
    conn.ws = this.hub.route.stream(session, (data) => {
      chain = chain.then(() => this.receive(conn, data)).catch((e) => this.playerFailed(conn, e.message));
    }, (event) => {
      chain = chain.then(() => this.socketClosed(conn, event));
    });
    this.via = session.channel ? 'relay' : 'lan';
    this.conn = conn;
  }

  async receive(conn, data) {
    if (conn !== this.conn) {
      return;
    }
    let chunk;
    try {
      chunk = await conn.verifier.open(data);
    } catch (e) {
      if (e instanceof Rejected) {
        this.reject(conn, e.message);
        return;
      }
      throw e;
    }
    if (conn === this.conn) {
      this.verified += 1;
      conn.inARow = 0;
      this.use(conn, chunk);
    }
  }

  use(conn, chunk) {
    switch (chunk.kind) {
      case Kind.INIT:
        conn.player.init?.(chunk.payload);
        break;
      case Kind.MEDIA:
        conn.player.media?.(chunk.payload);
        this.playing();
        break;
      case Kind.JPEG:
        conn.player.jpeg?.(chunk.payload);
        this.playing();
        break;
      default:
        this.control(conn, chunk.payload);
    }
  }

  playing() {
    this.attempts = 0;
    if (this.state !== 'live') {
      this.setState('live');
    }
  }

  control(conn, payload) {
    let message;
    try {
      message = JSON.parse(new TextDecoder().decode(payload));
    } catch (e) {
      return;
    }
    if (message.type === 'end') {
      conn.endReason = String(message.reason || 'the hub ended the session');
      this.setState('ended', conn.endReason);
      conn.player.close();
    } else if (message.type === 'status' && message.status) {
      this.cameraStatus(message.status);
    } else if (message.type === 'error') {
      this.detail = String(message.message || '');
    }
  }

  /** The camera's own state; "online" needs no word, the next picture makes the tile live. */
  cameraStatus(status) {
    if (status.state === 'offline') {
      this.setState('offline', String(status.detail || status.reason || 'camera unreachable'));
    } else if (status.state === 'connecting' && this.state !== 'live') {
      this.setState('connecting', 'the hub is reaching the camera');
    }
  }

  reject(conn, reason) {
    this.rejected += 1;
    this.badge.hidden = false;
    this.badge.textContent = `a chunk failed verification (${this.rejected} dropped)`;
    conn.inARow += 1;
    if (conn.inARow === MAX_REJECTED_IN_A_ROW) {
      this.setState('reconnecting', 'the stream keeps failing verification');
      conn.ws.close();
    }
    if (conn.reports >= MAX_REPORTS_PER_SESSION) {
      return;
    }
    conn.reports += 1;
    const event = {
      kind: 'chunk_rejected',
      session_id: conn.session.session_id,
      camera_id: this.camera.id,
      reason,
    };
    call('POST', '/api/v1/security-events', this.hub.token, event).catch(() => {});
  }

  playerFailed(conn, message) {
    if (conn !== this.conn) {
      return;
    }
    conn.failure = message;
    this.setState('error', message);
    conn.ws.close();
  }

  socketClosed(conn, event) {
    if (conn !== this.conn) {
      return;
    }
    this.closeConnection();
    if (this.stopped) {
      return;
    }
    if (event.awayOff) {
      this.awayOff(event.reason);
    } else if (conn.endReason || event.code === 4403) {
      this.setState('ended', conn.endReason || event.reason || 'access withdrawn');
      this.retry(1000);
    } else {
      this.setState('reconnecting', conn.failure || event.reason || `stream closed (${event.code})`);
      this.retry();
    }
  }

  closeConnection() {
    const conn = this.conn;
    if (!conn) {
      return;
    }
    this.conn = null;
    this.framesBefore += conn.player.framesShown;
    conn.player.close();
    if (conn.ws.readyState <= WebSocket.OPEN) {
      conn.ws.close();
    }
  }

  /** A read-only view for tests and diagnostics. */
  snapshot() {
    return tileSnapshot(this);
  }
}
