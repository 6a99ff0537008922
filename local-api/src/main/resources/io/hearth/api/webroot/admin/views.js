// Renders the admin page's lists from API answers, as text only.

import { el, table, when } from '../shared/dom.js';

function button(label, onclick) {
  return el('button', { type: 'button', text: label, onclick });
}

function statusText(camera) {
  const status = camera.status;
  if (!status) {
    return '';
  }
  return [status.state, status.reason, status.detail].filter(Boolean).join(': ');
}

export function cameraTable(cameras, remove) {
  if (!cameras.length) {
    return el('p', { text: 'No cameras yet.' });
  }
  // URLs come with every secret masked (password=***); has_credentials says some are set.
  const rows = cameras.map((c) => [c.name, c.url, c.protocol || '',
    c.has_credentials ? 'set' : 'none', statusText(c),
    button(`Remove ${c.name}`, () => remove(c))]);
  return table('Cameras', ['Name', 'URL', 'Protocol', 'Credentials', 'Status', ''], rows);
}

export function displayTable(displays, unpair) {
  if (!displays.length) {
    return el('p', { text: 'No paired displays.' });
  }
  const rows = displays.map((d) => [d.name, d.id, when(d.paired_at),
    button(`Unpair ${d.name}`, () => unpair(d))]);
  return table('Paired displays', ['Name', 'Id', 'Paired', ''], rows);
}

/** id -> human name, for members, displays and cameras. */
export function nameIndex(state) {
  const names = new Map();
  [...state.members, ...state.displays, ...state.cameras].forEach((x) => names.set(x.id, x.name));
  return names;
}

function target(g, names) {
  if (g.target_kind === 'room') {
    return `room ${g.target_id}`;
  }
  return g.target_kind === 'sensors' ? 'all sensors' : names.get(g.target_id) || g.target_id;
}

export function grantTable(grants, names, revoke) {
  if (!grants.length) {
    return el('p', { text: 'No grants.' });
  }
  const rows = grants.map((g) => [
    `${names.get(g.principal_id) || g.principal_id} (${g.principal_kind})`,
    target(g, names),
    (g.scopes || []).join(', '),
    g.expires_at ? when(g.expires_at) : 'never',
    button('Revoke', () => revoke(g)),
  ]);
  return table('Grants', ['Who', 'On', 'Scopes', 'Expires', ''], rows);
}

export function auditTable(entries) {
  if (!entries.length) {
    return el('p', { text: 'The audit log is empty.' });
  }
  const rows = entries.map((e) => [when(e.at), e.actor || '', e.action || '', e.target || '',
    e.detail ? JSON.stringify(e.detail) : '']);
  return table('Latest 100 entries, newest first', ['When', 'Who', 'What', 'Target', 'Detail'],
    rows);
}

export function renderCameraSelect(select, cameras) {
  select.replaceChildren(...cameras.map((c) => el('option', { value: c.id, text: c.name })));
}

export function renderPrincipals(select, members, displays) {
  const options = [
    ...members.map((m) => el('option', { value: `member:${m.id}`, text: `${m.name} (member)` })),
    ...displays.map((d) => el('option', { value: `display:${d.id}`, text: `${d.name} (display)` })),
  ];
  select.replaceChildren(...options);
}

function inboxState(d) {
  if (d.state === 'adopted') {
    return `adopted (${d.adopted_id})`;
  }
  if (d.state === 'moved' && d.move) {
    const verdict = d.move.check === 'refused' ? 'refused' : 'awaiting your confirmation';
    return `moved? ${d.move.from} → ${d.move.to}: ${verdict}${d.move.reason ? ` (${d.move.reason})` : ''}`;
  }
  return d.adoptable ? d.state : 'cannot be adopted';
}

function inboxActions(d, adopt, ignore, move) {
  if (d.state === 'moved' && d.move) {
    return [
      d.move.check === 'unverified' ? button(`Confirm ${d.name} moved`, () => move(d, 'confirm')) : '',
      button(`Keep ${d.name} where it is`, () => move(d, 'decline')),
    ];
  }
  return [
    d.state === 'new' && d.adoptable ? button(`Adopt ${d.name}`, () => adopt(d)) : '',
    d.state === 'new' ? button(`Ignore ${d.name}`, () => ignore(d)) : '',
  ];
}

export function inboxTable(entries, adopt, ignore, move) {
  if (!entries.length) {
    return el('p', { text: 'Nothing found on the network yet.' });
  }
  const rows = entries.map((d) => [
    d.name,
    d.kind,
    d.protocol,
    d.address,
    when(d.last_seen),
    inboxState(d),
    ...inboxActions(d, adopt, ignore, move),
  ]);
  return table('Discovered devices, most recently seen first',
    ['Name', 'Kind', 'Found by', 'Address', 'Last seen', 'State', '', ''], rows);
}
