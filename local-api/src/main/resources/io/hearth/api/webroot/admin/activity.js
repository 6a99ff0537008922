// The audit log as sentences ("Owner paired the display Loft."), filtered by kind, by who or
// what it was about, and by time; and the egress ledger: each try to reach outside the home.

import { el, when } from '../shared/dom.js';
import { attempt } from './feedback.js';

const VERBS = {
  'camera.create': ['added the camera', 'Cameras added'],
  'camera.update': ['changed the camera', 'Cameras changed'],
  'camera.delete': ['removed the camera', 'Cameras removed'],
  'display.pair': ['paired the display', 'Displays paired'],
  'display.revoke': ['unpaired the display', 'Displays unpaired'],
  'display.rename': ['renamed the display', 'Displays renamed'],
  'display.pairing_clear': ['cleared the waiting pairing codes', 'Pairing codes cleared'],
  'grant.put': ['gave access to', 'Access given'],
  'grant.revoke': ['took access away from', 'Access taken away'],
  'member.create': ['added the person', 'People added'],
  'member.update': ['changed the person', 'People changed'],
  'member.delete': ['removed the person', 'People removed'],
  'member.password': ['set the password of', 'Passwords set'],
  'passkey.create': ['added the passkey', 'Passkeys added'],
  'passkey.delete': ['removed the passkey', 'Passkeys removed'],
  'signin.create': ['signed in', 'Sign-ins'],
  'signin.signout': ['signed out', 'Sign-outs'],
  'signin.revoke': ['ended a sign-in of', 'Sign-ins ended'],
  'token.create': ['made an access token for', 'Tokens made'],
  'token.revoke': ['revoked an access token of', 'Tokens revoked'],
  'device.register': ['added the device', 'Devices added'],
  'device.remove': ['removed the device', 'Devices removed'],
  'device.room': ['moved to another room the device', 'Devices moved'],
  'device.command': ['sent a command to', 'Device commands'],
  'session.open': ['started watching', 'Watching started'],
  'session.close': ['stopped watching', 'Watching stopped'],
  'session.revoke': ['was cut off from', 'Watching cut off'],
  'restream.set': ['changed restreaming of', 'Restreaming changed'],
  'recording.mode': ['changed recording of', 'Recording changed'],
  'setting.change': ['changed the setting', 'Settings changed'],
};

const HOW = { password: 'a password', passkey: 'a passkey', setup: 'the set-up page' };

let entries = [];

/** "owner:mem_x" or "display:dsp_y" → a name; never an id. */
function who(actor, names) {
  if (!actor) return 'The hub';
  const [kind, id] = String(actor).split(':');
  if (kind === 'owner') return 'The owner';
  return names.get(id) || names.get(actor) || (kind === 'system' ? 'The hub' : `A ${kind}`);
}

function about(entry, names) {
  const target = entry.target || '';
  const id = target.includes(':') ? target.split(':').pop() : target;
  return names.get(id) || names.get(target) || (entry.detail && entry.detail.name) || 'something since removed';
}

/** What the sentence is about, with what the entry's detail adds: whose passkey, which names. */
function object(entry, names) {
  const detail = entry.detail || {};
  if (entry.action === 'display.rename' && detail.from) return `${detail.from} to ${detail.name}`;
  const person = names.get(detail.member_id) || 'a person since removed';
  if (entry.action.startsWith('signin.')) {
    const how = HOW[detail.method] ? `with ${HOW[detail.method]}` : '';
    if (entry.action === 'signin.create') return how;
    if (entry.action === 'signin.revoke') return detail.member_id ? `${person} (signed in ${how})` : 'someone';
    return '';
  }
  const thing = about(entry, names);
  return entry.action.startsWith('passkey.') && detail.member_id ? `${thing} of ${person}` : thing;
}

export function sentence(entry, names) {
  const verb = VERBS[entry.action] ? VERBS[entry.action][0] : `did "${entry.action}" to`;
  const what = object(entry, names);
  return `${who(entry.actor, names)} ${verb}${what ? ` ${what}` : ''}.`;
}

function matches(entry, filter, names) {
  if (filter.kind && entry.action !== filter.kind) return false;
  if (filter.who && !`${entry.actor} ${entry.target}`.includes(filter.who)) return false;
  if (filter.since && Date.now() - new Date(entry.at).getTime() > Number(filter.since) * 1000) return false;
  return names !== undefined;
}

function renderAudit(app) {
  const form = app.$('audit-filter');
  const filter = { kind: form.elements.kind.value, who: form.elements.who.value, since: form.elements.since.value };
  const names = app.names();
  const shown = entries.filter((e) => matches(e, filter, names));
  app.$('audit-list').replaceChildren(shown.length
    ? el('ol', { class: 'plain log' }, ...shown.map((e) => el('li', {},
      el('time', { datetime: e.at, text: when(e.at) }), ' ', sentence(e, names), ' ',
      el('span', { class: 'kind', text: e.action }))))
    : el('p', { text: entries.length ? 'Nothing matches these filters.' : 'Nothing has happened yet.' }));
}

function fillFilters(app) {
  const kind = app.$('audit-kind');
  const keepKind = kind.value;
  const kinds = [...new Set(entries.map((e) => e.action))];
  kind.replaceChildren(el('option', { value: '', text: 'Everything' }),
    ...kinds.map((k) => el('option', { value: k, text: VERBS[k] ? VERBS[k][1] : k, selected: k === keepKind })));
  const whoSelect = app.$('audit-who');
  const keepWho = whoSelect.value;
  const s = app.state;
  const options = [...s.members, ...s.displays, ...s.cameras]
    .map((x) => el('option', { value: x.id, text: x.name, selected: x.id === keepWho }));
  whoSelect.replaceChildren(el('option', { value: '', text: 'Anyone, anything' }), ...options);
}

function renderEgress(app, ledger) {
  const list = ledger.entries.slice().reverse();
  const allowed = ledger.allowed_hosts.length
    ? `Allowed outside the home: ${ledger.allowed_hosts.join(', ')}.` : 'Nothing outside the home is allowed.';
  app.$('egress-list').replaceChildren(el('p', { text: allowed }), list.length
    ? el('ol', { class: 'plain log' }, ...list.map((e) => el('li', {},
      el('time', { datetime: e.at, text: when(e.at) }),
      ` ${e.outcome === 'allowed' ? 'Allowed' : 'Refused'}: ${e.purpose} tried to reach ${e.destination}.`)))
    : el('p', { text: 'The hub has not tried to reach anything outside the home network.' }));
}

export async function load(app) {
  await attempt(app.$('audit-refresh'), async () => {
    entries = (await app.api('GET', '/api/v1/audit?limit=200')).entries;
    fillFilters(app);
    renderAudit(app);
  });
  await attempt(app.$('egress-list'), async () => renderEgress(app, await app.api('GET', '/api/v1/egress')));
}

export function wire(app) {
  app.$('audit-filter').addEventListener('change', () => renderAudit(app));
  app.$('audit-filter').addEventListener('submit', (event) => event.preventDefault());
  app.$('audit-refresh').addEventListener('click', () => load(app));
}
