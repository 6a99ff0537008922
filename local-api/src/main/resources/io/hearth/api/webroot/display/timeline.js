// The display's timeline: a strip under the cameras with the events of the cameras this display
// holds an events grant on (the hub lists no others), newest first, each with its thumbnail, camera,
// time, kind and length; tap one to play its clip full screen. At home only: away, through the
// relay, the strip stays hidden. New events come from the hub's event feed, filtered by the hub.
// "Older events" at the end of the strip adds the next page (a large target for a TV's remote);
// new events from the feed still arrive at the front, and the older pages stay.

import { ApiError } from '../shared/api.js';
import { durationWords, followEvents, kindWords, thumbnailUrl } from '../shared/camera-events.js';
import { EventPages } from '../shared/event-pages.js';
import { playClip } from './clip.js';
import { element } from './tile-view.js';

const SHOWN = 30;
const RELOAD_AFTER_MS = [300, 3000]; // at once, and again once the thumbnail has been taken

const $ = (id) => document.getElementById(id);

function timeWords(iso) {
  const at = new Date(iso);
  const today = new Date().toDateString() === at.toDateString();
  return today ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : at.toLocaleString();
}

export class Timeline {
  /** `hub` is the display's: its token and its route (home or away). */
  constructor(hub) {
    this.hub = hub;
    this.names = new Map();
    this.items = new Map(); // event id -> {event, node, url}
    this.clip = null;
    this.clipState = '';
    this.stopFeed = null;
    this.timers = [];
    this.pages = null;
    $('timeline-older').onclick = () => this.older();
    $('clip-close').onclick = () => this.closeClip();
    $('clip').onkeydown = (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.closeClip();
      }
    };
  }

  /** The cameras' names (the display's camera list), then the events read again. */
  async refresh(cameras) {
    cameras.forEach((c) => this.names.set(c.id, c.name));
    if (await this.hub.route.current() !== 'home') {
      this.pages = null;
      this.show([]);
      return;
    }
    this.pages ??= new EventPages(this.hub.token, { limit: SHOWN });
    const pages = this.pages;
    try {
      await pages.newest();
      if (this.stopped || pages !== this.pages) return;
      this.show(pages.events);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) throw e;
      return; // the strip keeps what it had; the next refresh tries again
    }
    this.stopFeed ??= followEvents(this.hub.token, () => {
      this.timers.forEach(clearTimeout);
      this.timers = RELOAD_AFTER_MS.map((ms) => setTimeout(() => this.refresh([]).catch(() => {}), ms));
    });
  }

  stop() {
    this.stopped = true;
    this.stopFeed?.();
    this.stopFeed = null;
    this.timers.forEach(clearTimeout);
    this.closeClip();
    this.pages = null;
    this.show([]);
  }

  /** Adds the next older page at the end of the strip and brings its first event into view. */
  async older() {
    const button = $('timeline-older');
    const pages = this.pages;
    if (!pages || button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    button.textContent = 'Loading…';
    try {
      const shown = new Set(this.items.keys());
      const added = await pages.older();
      if (this.stopped || pages !== this.pages) return;
      this.show(pages.events);
      const first = pages.events.find((e) => !shown.has(e.id));
      first && this.items.get(first.id).node.scrollIntoView({ block: 'nearest', inline: 'start' });
      $('timeline-state').textContent = added === 1 ? '1 older event added.' : `${added} older events added.`;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) throw e;
      $('timeline-state').textContent = 'The older events could not be read just now.';
    } finally {
      button.removeAttribute('aria-disabled');
      button.textContent = 'Older events';
    }
  }

  show(events) {
    const wanted = new Set(events.map((e) => e.id));
    for (const [id, item] of this.items) {
      if (!wanted.has(id)) {
        if (item.url) URL.revokeObjectURL(item.url);
        this.items.delete(id);
      }
    }
    const nodes = events.map((event) => this.item(event).node);
    $('timeline-list').replaceChildren(...nodes);
    $('timeline').hidden = events.length === 0;
    document.body.classList.toggle('has-timeline', events.length > 0);
    const more = Boolean(this.pages?.hasMore);
    const hadFocus = document.activeElement === $('timeline-older');
    $('timeline-older').hidden = !more;
    $('timeline-end').hidden = more;
    if (hadFocus && !more) $('timeline-end').focus(); // focus stays where the button was
  }

  item(event) {
    let item = this.items.get(event.id);
    if (!item) {
      item = { event, url: null, node: element('li', 'event') };
      const button = element('button', 'event-button');
      button.type = 'button';
      item.img = element('img');
      item.img.alt = '';
      item.text = element('span', 'event-text');
      button.append(item.img, item.text);
      button.onclick = () => this.openClip(item);
      item.node.append(button);
      item.node.dataset.eventId = event.id;
      this.items.set(event.id, item);
    }
    item.event = event;
    const lines = [this.names.get(event.camera_id) || 'A camera',
      `${timeWords(event.started_at)} · ${durationWords(event)}`, kindWords(event)];
    item.words = lines.join(' · ');
    item.text.replaceChildren(...lines.map((line) => element('span', '', line)));
    item.node.querySelector('button').setAttribute('aria-label', `Play the clip: ${item.words}`);
    this.thumbnail(item);
    return item;
  }

  async thumbnail(item) {
    if (item.url || item.loading || !item.event.thumbnail) return;
    item.loading = true;
    try {
      item.url = await thumbnailUrl(this.hub.token, item.event);
      item.img.src = item.url;
    } catch (e) {
      // no picture: the words still say what happened
    } finally {
      item.loading = false;
    }
  }

  async openClip(item) {
    this.closeClip();
    const video = $('clip-video');
    $('clip-title').textContent = item.words;
    $('clip').hidden = false;
    document.body.classList.add('has-full');
    $('clip-close').focus();
    this.setClipState('Opening the clip…', 'opening');
    try {
      this.clip = await playClip(video, this.hub.token, item.event, (words, state) => this.setClipState(words, state));
    } catch (e) {
      const refused = e instanceof ApiError && (e.status === 403 || e.status === 404);
      this.setClipState(refused ? 'This display may not play this clip.' : 'The clip cannot be played just now.', 'failed');
    }
  }

  setClipState(words, state) {
    this.clipState = state;
    $('clip-state').textContent = words;
  }

  closeClip() {
    this.clip?.stop();
    this.clip = null;
    this.clipState = '';
    if (!$('clip').hidden) {
      $('clip').hidden = true;
      document.body.classList.remove('has-full');
    }
  }

  /** A read-only view for tests and diagnostics. */
  snapshot() {
    const video = $('clip-video');
    return {
      hasOlder: Boolean(this.pages?.hasMore),
      events: [...this.items.values()].map((i) => ({
        id: i.event.id, cameraId: i.event.camera_id, thumbnailWidth: i.img.naturalWidth,
      })),
      clip: this.clip || this.clipState ? {
        state: this.clipState, currentTime: video.currentTime, videoWidth: video.videoWidth,
        framesShown: this.clip ? this.clip.framesShown : 0,
      } : null,
    };
  }
}
