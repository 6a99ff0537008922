// Recordings by day: choose a camera and a day, see when it recorded (a 24-hour bar and a list of
// stretches in words), and play from any time: from a stretch's start, from a time typed in, or
// from a place tapped on the bar. The hub plays a quarter of an hour at a time; "Play on" goes on
// from where it ended. Only cameras whose events the signed-in person may see play.

import { ApiError } from '../shared/api.js';
import { el } from '../shared/dom.js';
import { playRange } from '../display/clip.js';
import { human } from './feedback.js';

const DAY_MS = 24 * 3600 * 1000;
const PART_MS = 15 * 60 * 1000; // at most this at once (the hub plays 90 segments of a range)
let spans = []; // [{from: Date, to: Date, segments}] of the chosen camera and day
let playing = null; // {stop()} of the clip playing
let loading = 0;

// Seconds shown when they tell two times apart (short stretches).
const clock = (d, seconds = false) => d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit',
  second: seconds ? '2-digit' : undefined });

function lengthWords(ms) {
  if (ms < 60000) return `${Math.max(1, Math.round(ms / 1000))} s`;
  const minutes = Math.round(ms / 60000);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${minutes / 60} h`;
}

/** The chosen day's local midnight (today when none is chosen). */
function dayStart(app) {
  const value = app.$('recordings-day').value;
  const start = value ? new Date(`${value}T00:00:00`) : new Date();
  start.setHours(0, 0, 0, 0);
  return start;
}

function renderCameras(app) {
  const select = app.$('recordings-camera');
  const chosen = select.value;
  const options = app.state.cameras.map((c) => el('option', { value: c.id, text: c.name }));
  select.replaceChildren(...options);
  if (app.state.cameras.some((c) => c.id === chosen)) select.value = chosen;
}

/** The bar: each stretch placed on the day's 24 hours; a tap picks that time to play from. */
function renderBar(app, start) {
  const bar = app.$('recordings-bar');
  bar.replaceChildren(...spans.map((span) => {
    const left = Math.max(0, (span.from - start) / DAY_MS) * 100;
    const right = Math.min(1, (span.to - start) / DAY_MS) * 100;
    const mark = el('span', { class: 'recorded' });
    mark.style.left = `${left}%`;
    mark.style.width = `${Math.max(0.3, right - left)}%`;
    return mark;
  }));
  bar.onclick = (e) => {
    const at = new Date(start.getTime() + ((e.clientX - bar.getBoundingClientRect().left)
      / bar.clientWidth) * DAY_MS);
    app.$('recordings-time').value = at.toTimeString().slice(0, 8);
    playFrom(app, at);
  };
}

function renderList(app) {
  const list = app.$('recordings-spans');
  list.replaceChildren(...spans.map((span) => {
    const short = span.to - span.from < 10 * 60000;
    const words = `${clock(span.from, short)} to ${clock(span.to, short)}`
      + ` (${lengthWords(span.to - span.from)})`;
    return el('li', { 'data-from': span.from.toISOString() }, el('span', { text: words }),
      el('button', { type: 'button', text: `Play from ${clock(span.from, short)}`,
        onclick: () => playFrom(app, span.from) }));
  }));
  app.$('recordings-empty').hidden = spans.length > 0;
  if (spans.length && !app.$('recordings-time').value) {
    app.$('recordings-time').value = spans[0].from.toTimeString().slice(0, 8);
  }
}

/** Reads the chosen camera's recording of the chosen day; a later read wins. */
export async function load(app) {
  const mine = ++loading;
  renderCameras(app);
  const camera = app.$('recordings-camera').value;
  const start = dayStart(app);
  if (!app.$('recordings-day').value) {
    app.$('recordings-day').value = start.toLocaleDateString('sv'); // yyyy-mm-dd, local
  }
  if (!camera) {
    spans = [];
    renderList(app);
    renderBar(app, start);
    return;
  }
  const query = new URLSearchParams({ from: start.toISOString(),
    to: new Date(start.getTime() + DAY_MS).toISOString() });
  try {
    const answer = await app.api('GET',
      `/api/v1/cameras/${encodeURIComponent(camera)}/recordings/spans?${query}`);
    if (mine !== loading) return;
    spans = answer.spans.map((s) => ({ from: new Date(s.started_at), to: new Date(s.ended_at),
      segments: s.segments }));
    app.$('recordings-error').textContent = '';
  } catch (e) {
    if (mine !== loading) return;
    spans = [];
    app.$('recordings-error').textContent = e instanceof ApiError && e.status === 403
      ? 'You may not see this camera\'s recordings.' : `The recordings could not be read: ${human(e)}`;
  }
  renderList(app);
  renderBar(app, start);
}

/** The stretch holding `at`, or the first one after it (a time typed between two). */
function spanFrom(at) {
  return spans.find((s) => s.to > at);
}

async function playFrom(app, at) {
  const span = spanFrom(at);
  const state = app.$('recordings-state');
  const next = app.$('recordings-next');
  next.hidden = true;
  if (!span) {
    state.textContent = `Nothing was recorded after ${clock(at)} on this day.`;
    return;
  }
  const from = at < span.from ? span.from : at;
  // Within the 90 segments the hub plays of a range, whatever the hub's segment length.
  const segmentMs = (span.to - span.from) / Math.max(1, span.segments);
  const part = Math.max(segmentMs, Math.min(PART_MS, 85 * segmentMs));
  const to = new Date(Math.min(span.to.getTime(), from.getTime() + part));
  const video = app.$('recordings-video');
  playing?.stop();
  video.hidden = false;
  state.textContent = `Opening the recording from ${clock(from)}…`;
  try {
    playing = await playRange(video, app.state.token, app.$('recordings-camera').value, from, to,
      (words, how) => {
        state.textContent = how === 'ended' ? `Played ${clock(from)} to ${clock(to)}.` : words;
        if (how === 'ended') offerMore(app, to);
      });
  } catch (e) {
    state.textContent = e instanceof ApiError && e.status === 403
      ? 'You may not play this camera\'s recordings.' : `The recording cannot be played: ${human(e)}`;
  }
}

/** After a part: the day read again (recording may go on), and a button for what follows. */
async function offerMore(app, after) {
  await load(app);
  const more = spanFrom(after);
  const next = app.$('recordings-next');
  next.hidden = !more;
  if (more) {
    const goOn = after < more.from ? more.from : after;
    next.textContent = `Play on from ${clock(goOn)}`;
    next.onclick = () => playFrom(app, goOn);
  }
}

/** Stops what plays (signing out, or leaving the section). */
export function stop() {
  playing?.stop();
  playing = null;
}

export function wire(app) {
  app.$('recordings-filter').addEventListener('change', () => {
    stop();
    load(app);
  });
  app.$('recordings-filter').addEventListener('submit', (e) => e.preventDefault());
  app.$('recordings-play').addEventListener('submit', (e) => {
    e.preventDefault();
    const [h, m, s] = app.$('recordings-time').value.split(':').map(Number);
    const at = dayStart(app);
    at.setHours(h || 0, m || 0, s || 0, 0);
    playFrom(app, at);
  });
}
