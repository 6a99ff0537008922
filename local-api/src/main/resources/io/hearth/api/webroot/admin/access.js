// Who sees what: a matrix of people and displays × cameras (press a cell to give or take away
// live video), every grant in words with its scopes, reach (home only or also away) and end, and
// a form for a grant with more detail.

import { checkedValues, el, when } from '../shared/dom.js';
import { attempt, say } from './feedback.js';
import { renderPrincipals } from './views.js';

const SCOPE_WORDS = { live: 'live video', snapshot: 'snapshots', events: 'events' };

function principals(app) {
  return [
    ...app.state.members.filter((m) => m.role !== 'owner')
      .map((m) => ({ kind: 'member', id: m.id, name: m.name, what: 'person' })),
    ...app.state.displays.map((d) => ({ kind: 'display', id: d.id, name: d.name, what: 'display' })),
  ];
}

function grantFor(app, who, camera) {
  return app.state.grants.find((g) => g.principal_id === who.id && g.target_kind === 'camera'
    && g.target_id === camera.id);
}

function cellLabel(grant) {
  if (!grant) return 'No access';
  const scopes = (grant.scopes || []).map((s) => SCOPE_WORDS[s] || s).join(', ');
  const reach = grant.remote ? 'at home and away' : 'at home only';
  return `${scopes}; ${reach}${grant.expires_at ? `; until ${when(grant.expires_at)}` : ''}`;
}

function cell(app, who, camera) {
  const grant = grantFor(app, who, camera);
  const action = grant ? `Take ${camera.name} away from ${who.name}` : `Let ${who.name} see ${camera.name}`;
  const button = el('button', { type: 'button', class: grant ? 'granted' : 'none', 'aria-label': action,
    'aria-pressed': grant ? 'true' : 'false', text: grant ? 'Yes' : 'No' });
  button.addEventListener('click', () => toggle(app, who, camera, grant, button));
  return el('td', { 'data-label': camera.name }, button, el('span', { class: 'hint', text: cellLabel(grant) }));
}

async function toggle(app, who, camera, grant, button) {
  const work = grant
    ? () => app.api('DELETE', `/api/v1/grants/${encodeURIComponent(grant.id)}`)
    : () => app.api('POST', '/api/v1/grants', { principal_kind: who.kind, principal_id: who.id,
      camera_id: camera.id, scopes: ['live'] });
  if (await attempt(button, work)) {
    await app.refresh();
    const done = grant ? `${who.name} no longer sees ${camera.name}.` : `${who.name} now sees ${camera.name} live.`;
    say(app.$('grant-matrix'), done);
  }
}

function matrix(app) {
  const rows = principals(app);
  const { cameras } = app.state;
  if (!rows.length || !cameras.length) {
    return el('p', { text: 'Add a camera and a person or display first.' });
  }
  const head = el('tr', {}, el('th', { scope: 'col', text: 'Who' }),
    ...cameras.map((c) => el('th', { scope: 'col', text: c.name })));
  const body = rows.map((who) => el('tr', {},
    el('th', { scope: 'row', text: `${who.name} (${who.what})` }),
    ...cameras.map((c) => cell(app, who, c))));
  return el('table', { class: 'matrix' }, el('caption', { text: 'Live video by camera' }),
    el('thead', {}, head), el('tbody', {}, ...body));
}

/** A grant as a sentence: "Kitchen display sees Porch: live video, at home only, for ever." */
function sentence(grant, names) {
  const who = names.get(grant.principal_id) || `a removed ${grant.principal_kind}`;
  const what = grant.target_kind === 'camera' ? names.get(grant.target_id) || 'a removed camera'
    : grant.target_kind === 'room' ? `the room ${grant.target_id}`
      : grant.target_kind === 'sensors' ? 'every sensor' : names.get(grant.target_id) || 'a device';
  const scopes = (grant.scopes || []).map((s) => SCOPE_WORDS[s] || s).join(', ');
  const until = grant.expires_at ? `until ${when(grant.expires_at)}` : 'with no end';
  return `${who} sees ${what}: ${scopes}, ${grant.remote ? 'at home and away' : 'at home only'}, ${until}.`;
}

function grantList(app) {
  const names = app.names();
  if (!app.state.grants.length) {
    return el('p', { text: 'No grants: only the owner sees anything.' });
  }
  return el('ul', { class: 'plain' }, ...app.state.grants.map((g) => {
    const revoke = el('button', { type: 'button', text: 'Revoke' });
    revoke.setAttribute('aria-label', `Revoke: ${sentence(g, names)}`);
    revoke.addEventListener('click', async () => {
      if (await attempt(revoke, () => app.api('DELETE', `/api/v1/grants/${encodeURIComponent(g.id)}`))) {
        await app.refresh();
        say(app.$('grant-list'), 'Grant revoked; it ends at once.');
      }
    });
    return el('li', {}, revoke, ' ', sentence(g, names));
  }));
}

export function render(app) {
  app.$('grant-matrix').replaceChildren(matrix(app));
  app.$('grant-list').replaceChildren(grantList(app));
  renderPrincipals(app.$('grant-principal'), app.state.members, app.state.displays);
}

async function addGrant(event, app) {
  event.preventDefault();
  const form = event.target;
  const [kind, id] = form.elements.principal.value.split(':');
  const hours = form.elements.hours.value.trim();
  const body = {
    principal_kind: kind,
    principal_id: id,
    camera_id: form.elements.camera_id.value,
    scopes: checkedValues(form, 'scopes'),
    remote: form.elements.remote.checked,
    expires_in_s: hours ? Number(hours) * 3600 : undefined,
  };
  if (await attempt(form, () => app.api('POST', '/api/v1/grants', body))) {
    form.reset();
    form.querySelectorAll('input[name="scopes"]').forEach((i) => { i.checked = i.value === 'live'; });
    await app.refresh();
    say(form, 'Grant added.');
  }
}

export function wire(app) {
  app.$('add-grant').addEventListener('submit', (event) => addGrant(event, app));
}
