// The owner's app: sign in (session cookie from /signin/, or the owner token kept for this tab
// only), then one section at a time by the address's #hash: home, cameras, events, devices,
// people, displays, who sees what, found devices, activity, outside connections and settings.
// A member who signs in sees only Events and Recordings: what their grants allow.

import { ApiError, call } from '../shared/api.js';
import { checkboxes } from '../shared/dom.js';
import * as access from './access.js';
import * as account from './account.js';
import * as activity from './activity.js';
import * as away from './away.js';
import * as cameras from './cameras.js';
import * as events from './events.js';
import { human } from './feedback.js';
import * as more from './more.js';
import * as people from './people.js';
import * as recordings from './recordings.js';
import * as settings from './settings.js';
import * as signins from './signins.js';

const TOKEN_KEY = 'hearth.admin.token';
export const SCOPES = [
  { value: 'live', label: 'live video' },
  { value: 'snapshot', label: 'snapshots' },
  { value: 'events', label: 'events' },
];
const TITLES = {
  home: 'Home', cameras: 'Cameras', events: 'Events', recordings: 'Recordings',
  devices: 'Devices and sensors', people: 'People',
  displays: 'Displays', access: 'Who sees what', inbox: 'Found on the network',
  activity: 'Activity', egress: 'Outside connections', settings: 'Settings', account: 'My account',
};

const $ = (id) => document.getElementById(id);

/** What every section module gets: the API, the shared lists, and a way to refresh them. */
const app = {
  state: { token: sessionStorage.getItem(TOKEN_KEY), me: null, cameras: [], displays: [], members: [],
    grants: [], devices: [], rooms: [] },
  $,
  api,
  refresh: refreshAll,
  /** id -> name for members, displays, cameras and devices; never shows an id to people. */
  names() {
    const names = new Map();
    const s = app.state;
    [...s.members, ...s.displays, ...s.cameras, ...s.devices].forEach((x) => names.set(x.id, x.name));
    return names;
  },
};

function say(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

async function api(method, path, body) {
  try {
    return await call(method, path, app.state.token, body);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && app.state.token) {
      signOut('The token was refused; sign in again.');
    }
    throw e;
  }
}

function signOut(message = '') {
  events.stop();
  recordings.stop();
  sessionStorage.removeItem(TOKEN_KEY);
  app.state.token = null;
  call.redirectOn401 = false;
  $('console').hidden = true;
  $('sign-out').hidden = true;
  $('nav').hidden = true;
  $('sign-in').hidden = false;
  say(message, Boolean(message));
}

async function signIn(event) {
  event.preventDefault();
  app.state.token = $('token').value.trim();
  $('token').value = '';
  await start();
}

let starts = 0;

/** Who is signed in: by token when the tab has one, else by the session cookie. */
async function start() {
  const mine = ++starts; // a sign-in while the first look is under way wins over it
  let me;
  try {
    me = await call('GET', '/api/v1/me', app.state.token);
    if (mine !== starts) return;
  } catch (e) {
    if (mine !== starts) return;
    const refused = e instanceof ApiError && e.status === 401;
    signOut(app.state.token ? (refused ? 'The token was refused.' : human(e)) : '');
    return;
  }
  if (me.role !== 'owner' && me.kind !== 'member') {
    signOut(app.state.token ? 'That token is not the owner\'s or a person\'s.' : 'Only people of the home may use this page.');
    return;
  }
  app.state.me = me;
  document.body.classList.toggle('member-only', me.role !== 'owner');
  if (app.state.token) {
    sessionStorage.setItem(TOKEN_KEY, app.state.token);
  } else {
    call.redirectOn401 = true; // the session ended: the sign-in page takes over
  }
  $('sign-in').hidden = true;
  $('console').hidden = false;
  $('sign-out').hidden = false;
  $('nav').hidden = false;
  say('');
  route();
  await refreshAll();
}

/** Sections a member may open: their own cameras' events and recordings only. */
const MEMBER_SECTIONS = new Set(['events', 'recordings']);

function isOwner() {
  return app.state.me?.role === 'owner';
}

async function refreshAll() {
  if (!isOwner()) {
    await refreshMember();
    return;
  }
  try {
    const s = app.state;
    const [c, d, m, g] = await Promise.all([api('GET', '/api/v1/cameras'),
      api('GET', '/api/v1/displays'), api('GET', '/api/v1/members'), api('GET', '/api/v1/grants')]);
    [s.cameras, s.displays, s.members, s.grants] = [c.cameras, d.displays, m.members, g.grants];
  } catch (e) {
    say(human(e), true);
    return;
  }
  cameras.render(app);
  people.render(app);
  signins.render(app);
  access.render(app);
  await Promise.all([more.load(app), activity.load(app), people.loadCa(app), account.load(app),
    settings.load(app), events.load(app), away.load(app), recordings.load(app)]);
}

/** A member's page: the cameras the hub lets them see (names for the events), and the events. */
async function refreshMember() {
  try {
    app.state.cameras = (await api('GET', '/api/v1/cameras')).cameras;
  } catch (e) {
    say(human(e), true);
    return;
  }
  await Promise.all([events.load(app), recordings.load(app)]);
}

/** Shows the section the #hash names (home by default), and moves focus to its heading. */
function route() {
  const name = location.hash.slice(1) || 'home';
  let known = Object.hasOwn(TITLES, name) ? name : 'home';
  if (!isOwner() && !MEMBER_SECTIONS.has(known)) known = 'events';
  document.querySelectorAll('[data-section]').forEach((s) => {
    s.hidden = s.dataset.section !== known;
  });
  document.querySelectorAll('#nav a').forEach((a) => {
    a.hidden = !isOwner() && !MEMBER_SECTIONS.has(a.getAttribute('href').slice(1));
    a.toggleAttribute('aria-current', a.getAttribute('href') === `#${known}`);
    if (a.hasAttribute('aria-current')) {
      a.setAttribute('aria-current', 'page');
      a.scrollIntoView({ block: 'nearest', inline: 'center' }); // a phone's nav scrolls sideways
    }
  });
  $('page-title').textContent = `Hearth admin: ${TITLES[known]}`;
  document.title = `${TITLES[known]} · Hearth`;
  cameras.visible(app, known === 'home' || known === 'cameras');
  if (known !== 'recordings') recordings.stop();
}

/** Ends the cookie sign-in at the hub, then the sign-in page says so; a token just leaves. */
async function signOutEverywhere() {
  if (app.state.token) {
    signOut('Signed out. The token is no longer kept in this tab.');
    return;
  }
  call.redirectOn401 = false;
  try {
    await call('POST', '/api/v1/signout', null);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) {
      say(`Not signed out: ${human(e)}`, true);
      return;
    }
  }
  signOut();
  location.assign('/signin/?signedout=1');
}

function wire() {
  $('sign-in').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOutEverywhere);
  window.addEventListener('hashchange', () => {
    route();
    // Activity is read again each time it is opened: a change made since (here, in another tab,
    // on a display) is in the log then, not only after a reload.
    if (isOwner() && location.hash === '#activity') activity.load(app);
    const heading = document.querySelector('[data-section]:not([hidden]) h2');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  });
  $('pair-scopes').replaceChildren(...checkboxes('scopes', SCOPES, ['live', 'snapshot']));
  $('grant-scopes').replaceChildren(...checkboxes('scopes', SCOPES, ['live']));
  cameras.wire(app);
  people.wire(app);
  account.wire(app);
  access.wire(app);
  more.wire(app);
  settings.wire(app);
  activity.wire(app);
  events.wire(app);
  recordings.wire(app);
}

wire();
start();
