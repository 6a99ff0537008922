// Camera events for the admin page and the display: the list the hub allows this viewer (it
// answers only cameras the viewer holds an events grant on), thumbnails fetched with the same
// credentials as every other call, words for people, and the live feed of new events.

import { call, send, sleep } from './api.js';

const KINDS = {
  motion: 'Motion seen by the hub',
  onvif: 'The camera\'s own alarm',
  sensor: 'A linked sensor',
};
const FEED_RETRY_MS = 2000;

/** The event's kind in words. */
export function kindWords(event) {
  return KINDS[event.source] || 'Something happened';
}

/** How long it lasted, in words; "Still going" while it is open. */
export function durationWords(event) {
  if (!event.ended_at) return 'Still going';
  const seconds = Math.max(0, Math.round((Date.parse(event.ended_at) - Date.parse(event.started_at)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${seconds % 60} s`;
}

/**
 * One page of events, newest first, of one camera or of every camera this viewer may see events
 * of: `{events, next}`, where `next` is the cursor of the older page (null when there is none).
 */
export async function pageEvents(token, { camera = '', from = null, to = null, limit = 50, cursor = null } = {}) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (camera) query.set('camera', camera);
  if (from) query.set('from', from.toISOString());
  if (to) query.set('to', to.toISOString());
  if (cursor) query.set('cursor', cursor);
  const answer = await call('GET', `/api/v1/camera-events?${query}`, token);
  return { events: answer.events || [], next: answer.has_more ? answer.next_cursor : null };
}

function eventPath(event) {
  return `/api/v1/cameras/${encodeURIComponent(event.camera_id)}/events/${encodeURIComponent(event.id)}`;
}

/** The event's thumbnail as an object URL (the caller revokes it), or null when it has none. */
export async function thumbnailUrl(token, event) {
  if (!event.thumbnail) return null;
  const response = await send('GET', `${eventPath(event)}/thumbnail`, token);
  return URL.createObjectURL(await response.blob());
}

/** A playback session of the event's clip: the same sealed answer as a live session's. */
export function openClip(token, event) {
  return call('POST', `${eventPath(event)}/sessions`, token, {});
}

/** Splits server-sent events text into {id, event, data} blocks; returns the unfinished rest. */
export function parseSse(text, onBlock) {
  const blocks = text.split('\n\n');
  const rest = blocks.pop();
  for (const block of blocks) {
    const entry = { id: '', event: 'message', data: '' };
    for (const line of block.split('\n')) {
      const at = line.indexOf(':');
      if (at <= 0) continue; // comments (": ping") and blank lines
      const field = line.slice(0, at);
      const value = line.slice(at + 1).replace(/^ /, '');
      if (field === 'data') entry.data += value;
      else if (field === 'id' || field === 'event') entry[field] = value;
    }
    onBlock(entry);
  }
  return rest;
}

/**
 * Follows the hub's feed of camera events (server-sent events read through fetch, so a token can
 * sign it too) and calls `onEvent(value)` for each; reconnects after a drop, resuming after the
 * last id. The hub sends only events of cameras this viewer holds an events grant on. Returns a
 * function that stops it.
 */
export function followEvents(token, onEvent) {
  const control = { stopped: false, abort: null, after: '' };
  (async () => {
    while (!control.stopped) {
      try {
        await readFeed(token, control, onEvent);
      } catch (e) {
        // dropped, refused or unreachable: try again shortly
      }
      if (!control.stopped) await sleep(FEED_RETRY_MS);
    }
  })();
  return () => {
    control.stopped = true;
    control.abort?.abort();
  };
}

async function readFeed(token, control, onEvent) {
  control.abort = new AbortController();
  const after = control.after ? `&after=${encodeURIComponent(control.after)}` : '';
  const headers = { Accept: 'text/event-stream' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`/api/v1/events?kind=camera_event${after}`, {
    headers, cache: 'no-store', credentials: token ? 'omit' : 'same-origin', signal: control.abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`feed answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done || control.stopped) return;
    text = parseSse(text + value, (block) => {
      if (block.id) control.after = block.id;
      if (block.event !== 'camera_event') return;
      try {
        onEvent(JSON.parse(block.data).value || {});
      } catch (e) {
        // a malformed entry is skipped; the list is read again on the next one
      }
    });
  }
}
