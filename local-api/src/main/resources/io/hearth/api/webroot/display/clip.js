// Plays a recording into a <video>: one camera event's clip, or a camera's recording from one time
// to another. A playback session (the hub re-checks the events grant while it plays), every chunk
// verified with the session's key before the decoder sees it, then Media Source Extensions at the
// pace the hub sends, from the start (no jump to a live edge). Used by the display's timeline and
// by the admin page's events and recordings sections.

import { call } from '../shared/api.js';
import { openClip } from '../shared/camera-events.js';
import { ChunkVerifier, Kind, Rejected } from './chunks.js';
import { MsePlayer } from './mse-player.js';
import { socketUrl } from './route.js';

/** A recording plays from its start: keep what arrives, only start playing when paused. */
class ClipPlayer extends MsePlayer {
  followLiveEdge() {
    const ranges = this.buffer.buffered;
    if (ranges.length && this.video.currentTime < ranges.start(0)) {
      this.video.currentTime = ranges.start(0);
    }
    if (this.video.paused && !this.video.ended) {
      this.video.play().catch(() => {});
    }
  }
}

/**
 * Opens the clip of `event` and plays it in `video`. `onState(words, state)` hears what happens
 * in words ('playing', 'ended', 'refused', 'failed'). Resolves with {stop()}; rejects when the hub
 * refuses the session (ApiError: 403 when the viewer may not play it).
 */
export async function playClip(video, token, event, onState = () => {}) {
  return play(video, await openClip(token, event), event.camera_id, onState);
}

/**
 * Plays the recording of `cameraId` from `from` to `to` (Dates) in `video`, as playClip does. The
 * hub plays at most 90 stored segments of it (15 minutes at its usual segment length).
 */
export async function playRange(video, token, cameraId, from, to, onState = () => {}) {
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  const path = `/api/v1/cameras/${encodeURIComponent(cameraId)}/recordings/sessions?${query}`;
  return play(video, await call('POST', path, token, {}), cameraId, onState);
}

async function play(video, session, cameraId, onState) {
  if (session.camera_id !== cameraId) {
    throw new Error('the hub opened a session for another camera');
  }
  const verifier = await ChunkVerifier.create(session.key, session.session_id, cameraId);
  const clip = { verified: 0, rejected: 0, ended: false };
  const player = new ClipPlayer(video, (message) => finish(`The clip cannot be played: ${message}`, 'failed'));
  const ws = new WebSocket(socketUrl(session.ws_url));
  ws.binaryType = 'arraybuffer';
  function finish(words, state) {
    if (clip.ended) return;
    clip.ended = true;
    onState(words, state);
    if (ws.readyState <= WebSocket.OPEN) ws.close();
  }
  let chain = Promise.resolve();
  ws.onmessage = (message) => {
    chain = chain.then(() => receive(verifier, player, clip, message.data, finish))
      .catch((e) => finish(`The clip cannot be played: ${e.message}`, 'failed'));
  };
  ws.onclose = (close) => {
    chain = chain.then(() => {
      if (close.code === 4403) finish('You may no longer see this camera\'s events.', 'refused');
      else if (close.code !== 1000 && !clip.ended) finish('The clip stopped before its end.', 'failed');
    });
  };
  onState('Playing the clip…', 'playing');
  return {
    clip,
    get framesShown() { return player.framesShown; },
    stop() {
      clip.ended = true;
      if (ws.readyState <= WebSocket.OPEN) ws.close();
      player.close();
    },
  };
}

async function receive(verifier, player, clip, data, finish) {
  let chunk;
  try {
    chunk = await verifier.open(data);
  } catch (e) {
    if (e instanceof Rejected) {
      clip.rejected += 1;
      return; // never decoded; a broken clip then ends with "stopped before its end"
    }
    throw e;
  }
  clip.verified += 1;
  if (chunk.kind === Kind.INIT) player.init(chunk.payload);
  else if (chunk.kind === Kind.MEDIA) player.media(chunk.payload);
  else if (chunk.kind === Kind.CONTROL) control(chunk.payload, finish);
}

function control(payload, finish) {
  let message;
  try {
    message = JSON.parse(new TextDecoder().decode(payload));
  } catch (e) {
    return;
  }
  if (message.type === 'end') {
    const over = /over|finished/i.test(String(message.reason || ''));
    finish(over ? 'End of the clip.' : 'The hub stopped the clip.', over ? 'ended' : 'refused');
  }
}
