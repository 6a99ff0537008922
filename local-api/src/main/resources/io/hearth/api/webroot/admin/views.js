// The discovery inbox and the camera and principal pickers, from API answers, as text only.

import { el, table, when } from '../shared/dom.js';

function button(label, onclick) {
  return el('button', { type: 'button', text: label, onclick });
}

export function renderCameraSelect(select, cameras) {
  select.replaceChildren(...cameras.map((c) => el('option', { value: c.id, text: c.name })));
}

export function renderPrincipals(select, members, displays) {
  const options = [
    ...members.filter((m) => m.role !== 'owner')
      .map((m) => el('option', { value: `member:${m.id}`, text: `${m.name} (person)` })),
    ...displays.map((d) => el('option', { value: `display:${d.id}`, text: `${d.name} (display)` })),
  ];
  select.replaceChildren(...options);
}

function inboxState(d) {
  if (d.state === 'adopted') {
    return 'adopted';
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
