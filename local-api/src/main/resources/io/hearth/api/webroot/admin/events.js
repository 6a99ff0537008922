// Events: the camera events this person may see, newest first, filtered by camera and by day, each
// with its thumbnail, time, kind and length in words, and its clip played right in the card. New
// events appear as the hub announces them (its event feed, filtered by the hub to this person's
// events grants). The hub answers only cameras the signed-in person holds an events grant on.
// "Show older events" adds the next page under the list, as far back as the hub keeps them.

import { ApiError } from '../shared/api.js';
import { durationWords, followEvents, kindWords, thumbnailUrl } from '../shared/camera-events.js';
import { EventPages } from '../shared/event-pages.js';
import { el, when } from '../shared/dom.js';
import { playClip } from '../display/clip.js';
import { human } from './feedback.js';

const RELOAD_AFTER_MS = [300, 3000]; // at once, and again when the thumbnail has been taken
const PAGE = 100;
const cards = new Map(); // event id -> {node, event, url, clip}
let stopFeed = null;
let reloads = [];
let loading = 0;
let pages = null; // the pages read with the current filters

function cameraName(app, id) {
  return app.state.cameras.find((c) => c.id === id)?.name || 'A camera';
}

function filters(app) {
  const day = app.$('events-day').value;
  const from = day ? new Date(`${day}T00:00:00`) : null;
  const to = from ? new Date(from.getTime() + 86400000) : null;
  return { camera: app.$('events-camera').value, from, to, limit: PAGE };
}

function renderCameraFilter(app) {
  const select = app.$('events-camera');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '', text: 'Every camera' }),
    ...app.state.cameras.map((c) => el('option', { value: c.id, text: c.name })));
  select.value = app.state.cameras.some((c) => c.id === chosen) ? chosen : '';
}

async function showThumbnail(app, entry) {
  if (entry.url || !entry.event.thumbnail) return;
  const img = entry.node.querySelector('img');
  try {
    entry.url = await thumbnailUrl(app.state.token, entry.event);
    img.src = entry.url;
    img.hidden = false;
    entry.node.querySelector('.no-picture').hidden = true;
  } catch (e) {
    entry.node.querySelector('.no-picture').textContent = 'The picture could not be loaded.';
  }
}

async function play(app, entry) {
  const video = entry.node.querySelector('video');
  const status = entry.node.querySelector('.clip-state');
  entry.clip?.stop();
  video.hidden = false;
  status.textContent = 'Opening the clip…';
  try {
    entry.clip = await playClip(video, app.state.token, entry.event, (words) => {
      status.textContent = words;
    });
  } catch (e) {
    status.textContent = e instanceof ApiError && e.status === 403
      ? 'You may not play this camera\'s clips.' : `The clip cannot be played: ${human(e)}`;
  }
}

function card(app, event) {
  const name = cameraName(app, event.camera_id);
  const entry = { event, url: null, clip: null };
  const label = `Picture from ${name} at ${when(event.started_at)}`;
  entry.node = el('li', { class: 'card event', 'data-event': event.id, 'data-camera': event.camera_id },
    el('div', { class: 'thumb' }, el('img', { alt: label, hidden: true }),
      el('p', { class: 'no-picture', text: event.thumbnail ? 'Loading the picture…' : 'No picture' })),
    el('h3', { text: name }),
    el('p', {}, el('time', { datetime: event.started_at, text: when(event.started_at) })),
    el('p', { class: 'event-kind', text: kindWords(event) }),
    el('p', { class: 'event-length', text: durationWords(event) }),
    el('button', { type: 'button', text: 'Play the clip', 'aria-label': `Play the clip: ${name}, ${when(event.started_at)}`,
      onclick: () => play(app, entry) }),
    el('video', { hidden: true, muted: true, playsinline: true, controls: true, 'aria-label': `Clip: ${label}` }),
    el('p', { class: 'clip-state', 'aria-live': 'polite' }));
  return entry;
}

/** Keeps cards already shown (a clip playing goes on), adds new ones, drops what no longer fits. */
function render(app, events) {
  const wanted = new Set(events.map((e) => e.id));
  for (const [id, entry] of cards) {
    if (!wanted.has(id)) {
      entry.clip?.stop();
      if (entry.url) URL.revokeObjectURL(entry.url);
      cards.delete(id);
    }
  }
  const nodes = events.map((event) => {
    let entry = cards.get(event.id);
    if (!entry) {
      entry = card(app, event);
      cards.set(event.id, entry);
    }
    entry.event = event;
    entry.node.querySelector('.event-length').textContent = durationWords(event);
    showThumbnail(app, entry);
    return entry.node;
  });
  app.$('events-list').replaceChildren(...nodes);
  app.$('events-empty').hidden = events.length > 0;
  renderOlder(app, events.length > 0 && pages?.hasMore, events.length > 0 ? 'No older events.' : '');
}

/** The "Show older events" button while there are more, else a short note in its place. */
function renderOlder(app, more, note) {
  const button = app.$('events-older');
  const hadFocus = document.activeElement === button;
  button.hidden = !more;
  app.$('events-older-note').textContent = more ? '' : note;
  if (hadFocus && !more) app.$('events-older-note').focus(); // focus stays where the button was
}

/** Adds the next older page under the list; the button says it is busy meanwhile (and keeps focus). */
async function older(app) {
  const button = app.$('events-older');
  if (button.getAttribute('aria-disabled') === 'true') return;
  const mine = pages;
  button.setAttribute('aria-disabled', 'true');
  button.textContent = 'Loading older events…';
  try {
    const added = await mine.older();
    if (mine !== pages) return;
    render(app, mine.events);
    app.$('events-older-state').textContent = added === 1 ? '1 older event added.' : `${added} older events added.`;
  } catch (e) {
    app.$('events-older-state').textContent = `The older events could not be read: ${human(e)}`;
  } finally {
    button.removeAttribute('aria-disabled');
    button.textContent = 'Show older events';
  }
}

/**
 * Reads the newest page again with the current filters (older pages already shown stay; new
 * filters start over); a later read wins over an earlier one.
 */
export async function load(app) {
  const mine = ++loading;
  renderCameraFilter(app);
  const wanted = filters(app);
  if (pages?.key !== JSON.stringify(wanted) || pages.token !== app.state.token) {
    pages = new EventPages(app.state.token, wanted);
    app.$('events-older-state').textContent = '';
  }
  try {
    await pages.newest();
    if (mine !== loading) return;
    render(app, pages.events);
    app.$('events-error').textContent = '';
  } catch (e) {
    if (mine !== loading) return;
    app.$('events-error').textContent = e instanceof ApiError && e.status === 403
      ? 'You may not see this camera\'s events.' : `The events could not be read: ${human(e)}`;
    render(app, []);
  }
  follow(app);
}

/** New events from the hub's feed: the list is read again (the hub decides what it shows). */
function follow(app) {
  if (stopFeed) return;
  stopFeed = followEvents(app.state.token, () => {
    reloads.forEach(clearTimeout);
    reloads = RELOAD_AFTER_MS.map((ms) => setTimeout(() => load(app), ms));
  });
}

/** Stops the feed and forgets every card (signing out). */
export function stop() {
  stopFeed?.();
  stopFeed = null;
  for (const entry of cards.values()) {
    entry.clip?.stop();
    if (entry.url) URL.revokeObjectURL(entry.url);
    entry.node.remove();
  }
  cards.clear();
  pages = null;
}

export function wire(app) {
  app.$('events-older').addEventListener('click', () => older(app));
  app.$('events-filter').addEventListener('change', () => load(app));
  app.$('events-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    load(app);
  });
}
