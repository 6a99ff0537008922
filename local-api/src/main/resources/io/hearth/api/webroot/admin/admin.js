// The owner's page: sign in with the owner token (kept for this tab only), then cameras, display
// pairing, displays, grants and the audit log.

import { ApiError, call } from '../shared/api.js';
import { checkboxes, checkedValues } from '../shared/dom.js';
import * as views from './views.js';

const TOKEN_KEY = 'hearth.admin.token';
const SCOPES = [
  { value: 'live', label: 'live video' },
  { value: 'snapshot', label: 'snapshots' },
  { value: 'events', label: 'events' },
];

const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem(TOKEN_KEY), cameras: [], displays: [], members: [] };

function say(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

async function api(method, path, body) {
  try {
    return await call(method, path, state.token, body);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      signOut('The token was refused; sign in again.');
    }
    throw e;
  }
}

function signOut(message = '') {
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  $('console').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  say(message, Boolean(message));
}

async function signIn(event) {
  event.preventDefault();
  state.token = $('token').value.trim();
  $('token').value = '';
  await start();
}

async function start() {
  try {
    const me = await call('GET', '/api/v1/me', state.token);
    if (me.role !== 'owner') {
      signOut('That token is not the owner\'s.');
      return;
    }
  } catch (e) {
    signOut(e instanceof ApiError && e.status === 401 ? 'The token was refused.' : e.message);
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, state.token);
  $('sign-in').hidden = true;
  $('console').hidden = false;
  $('sign-out').hidden = false;
  say('');
  await refreshAll();
}

async function refreshAll() {
  await Promise.all([loadCameras(), loadDisplays(), loadMembers(), loadGrants(), loadAudit(),
    loadInbox(), loadCa()]);
  views.renderPrincipals($('grant-principal'), state.members, state.displays);
}

async function attempt(work, done) {
  try {
    await work();
    if (done) {
      say(done);
    }
  } catch (e) {
    say(e.message, true);
  }
}

function loadCameras() {
  return attempt(async () => {
    state.cameras = (await api('GET', '/api/v1/cameras')).cameras;
    $('camera-list').replaceChildren(views.cameraTable(state.cameras, removeCamera));
    const options = state.cameras.map((c) => ({ value: c.id, label: c.name }));
    $('pair-cameras').replaceChildren(...checkboxes('cameras', options));
    views.renderCameraSelect($('grant-camera'), state.cameras);
  });
}

function loadDisplays() {
  return attempt(async () => {
    state.displays = (await api('GET', '/api/v1/displays')).displays;
    $('display-list').replaceChildren(views.displayTable(state.displays, unpair));
  });
}

// The hub's CA and its fingerprint, shown where a pairing is approved: a display, Node-RED or
// Home Assistant that fetched /api/v1/ca.pem over the network compares it with this.
function loadCa() {
  return attempt(async () => {
    const ca = (await api('GET', '/api/v1/displays/pairing')).ca;
    $('hub-ca-fingerprint').textContent = ca ? ca.fingerprint_sha256 : 'none (the hub runs without TLS)';
  });
}

function loadMembers() {
  return attempt(async () => {
    state.members = (await api('GET', '/api/v1/members')).members;
  });
}

function loadGrants() {
  return attempt(async () => {
    const grants = (await api('GET', '/api/v1/grants')).grants;
    const names = views.nameIndex(state);
    $('grant-list').replaceChildren(views.grantTable(grants, names, revokeGrant));
  });
}

function loadAudit() {
  return attempt(async () => {
    const entries = (await api('GET', '/api/v1/audit?limit=100')).entries;
    $('audit-list').replaceChildren(views.auditTable(entries));
  });
}

function loadInbox() {
  return attempt(async () => {
    const entries = (await api('GET', '/api/v1/discovered')).discovered;
    $('inbox-list').replaceChildren(views.inboxTable(entries, showAdopt, ignoreFound, settleMove));
  });
}

function showAdopt(entry) {
  const form = $('adopt-form');
  form.reset();
  form.elements.id.value = entry.id;
  form.elements.name.value = entry.name;
  $('adopt-what').textContent = `Adopt ${entry.name} (${entry.kind}, ${entry.address})`;
  form.hidden = false;
  form.elements.name.focus();
}

function adoptFound(event) {
  event.preventDefault();
  const form = event.target;
  const body = { name: formValue(form, 'name') || undefined };
  const user = formValue(form, 'username');
  const password = form.elements.password.value;
  if (user || password) {
    body.username = user;
    body.password = password;
  }
  attempt(async () => {
    await api('POST', `/api/v1/discovered/${encodeURIComponent(form.elements.id.value)}/adopt`,
      body);
    form.reset();
    form.hidden = true;
  }, 'Adopted.').then(refreshAll);
}

function ignoreFound(entry) {
  attempt(() => api('POST', `/api/v1/discovered/${encodeURIComponent(entry.id)}/ignore`),
    `${entry.name} will not be listed again.`).then(loadInbox);
}

function settleMove(entry, how) {
  const done = how === 'confirm'
    ? `${entry.name} now followed at ${entry.move.to}.`
    : `${entry.name} stays at ${entry.move.from}.`;
  attempt(() => api('POST', `/api/v1/discovered/${encodeURIComponent(entry.id)}/${how}-move`), done)
    .then(refreshAll);
}

function removeCamera(camera) {
  if (!confirm(`Remove the camera ${camera.name}? Every grant for it goes too.`)) {
    return;
  }
  attempt(() => api('DELETE', `/api/v1/cameras/${encodeURIComponent(camera.id)}`),
    `Removed ${camera.name}.`).then(refreshAll);
}

function unpair(display) {
  if (!confirm(`Unpair ${display.name}? It stops showing video at once.`)) {
    return;
  }
  attempt(() => api('DELETE', `/api/v1/displays/${encodeURIComponent(display.id)}`),
    `Unpaired ${display.name}.`).then(refreshAll);
}

function revokeGrant(grant) {
  attempt(() => api('DELETE', `/api/v1/grants/${encodeURIComponent(grant.id)}`),
    'Grant revoked.').then(refreshAll);
}

function formValue(form, name) {
  const value = form.elements[name].value.trim();
  return value === '' ? undefined : value;
}

function addCamera(event) {
  event.preventDefault();
  const form = event.target;
  const body = {};
  ['name', 'url', 'snapshot_url', 'username', 'password'].forEach((name) => {
    body[name] = formValue(form, name);
  });
  attempt(async () => {
    await api('POST', '/api/v1/cameras', body);
    form.reset();
  }, `Added ${body.name}.`).then(refreshAll);
}

function pairingBody(form) {
  return {
    user_code: formValue(form, 'user_code'),
    name: formValue(form, 'name'),
    cameras: checkedValues(form, 'cameras'),
    scopes: checkedValues(form, 'scopes'),
  };
}

function approve(event) {
  event.preventDefault();
  const form = event.target;
  attempt(async () => {
    await api('POST', '/api/v1/displays/approve', pairingBody(form));
    form.reset();
  }, 'Display approved; it starts within a few seconds.').then(refreshAll);
}

function deny() {
  const form = $('pair-form');
  const code = formValue(form, 'user_code');
  if (!code) {
    say('Enter the code shown on the display first.', true);
    return;
  }
  attempt(async () => {
    await api('POST', '/api/v1/displays/deny', { user_code: code });
    form.reset();
  }, 'Display refused.');
}

function addGrant(event) {
  event.preventDefault();
  const form = event.target;
  const [kind, id] = form.elements.principal.value.split(':');
  const hours = formValue(form, 'hours');
  const body = {
    principal_kind: kind,
    principal_id: id,
    camera_id: form.elements.camera_id.value,
    scopes: checkedValues(form, 'scopes'),
    expires_in_s: hours ? Number(hours) * 3600 : undefined,
  };
  attempt(async () => {
    await api('POST', '/api/v1/grants', body);
    form.reset();
  }, 'Grant added.').then(refreshAll);
}

function wire() {
  $('sign-in').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut());
  $('add-camera').addEventListener('submit', addCamera);
  $('pair-form').addEventListener('submit', approve);
  $('deny').addEventListener('click', deny);
  $('add-grant').addEventListener('submit', addGrant);
  $('audit-refresh').addEventListener('click', loadAudit);
  $('adopt-form').addEventListener('submit', adoptFound);
  $('adopt-cancel').addEventListener('click', () => { $('adopt-form').hidden = true; });
  setInterval(() => {
    if (state.token && !$('console').hidden) {
      loadInbox();
    }
  }, 5000);
  $('pair-scopes').replaceChildren(...checkboxes('scopes', SCOPES, ['live', 'snapshot']));
  $('grant-scopes').replaceChildren(...checkboxes('scopes', SCOPES, ['live']));
}

wire();
if (state.token) {
  start();
} else {
  signOut();
}
