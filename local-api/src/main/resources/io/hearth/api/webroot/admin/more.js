// Devices and sensors with their current values, grouped by room; rooms; the discovery inbox
// (adopt or dismiss).

import { el } from '../shared/dom.js';
import { attempt, say } from './feedback.js';
import { inboxTable } from './views.js';

function value(reading) {
  if (reading === null || typeof reading !== 'object') return String(reading);
  const v = typeof reading.value === 'object' ? JSON.stringify(reading.value) : String(reading.value);
  return `${v}${reading.unit ? ` ${reading.unit}` : ''}`;
}

function deviceCard(device) {
  const readings = Object.entries(device.state || {});
  return el('article', { class: 'card' }, el('h4', { text: device.name }),
    el('p', { class: 'hint', text: `${device.kind || 'device'}, via ${device.protocol || 'unknown'}` }),
    readings.length ? el('dl', {}, ...readings.flatMap(([k, r]) => [el('dt', { text: k }),
      el('dd', { text: value(r) })])) : el('p', { text: 'No reading yet.' }));
}

function renderDevices(app, devices, rooms) {
  const placed = new Map();
  rooms.forEach((r) => r.devices.forEach((id) => placed.set(id, r.name)));
  const groups = new Map();
  devices.forEach((d) => {
    const room = placed.get(d.id) || 'Not in a room';
    groups.set(room, [...(groups.get(room) || []), d]);
  });
  app.$('device-list').replaceChildren(...(devices.length ? [...groups].map(([room, list]) =>
    el('div', { class: 'room' }, el('h3', { text: room }),
      el('div', { class: 'cards' }, ...list.map(deviceCard))))
    : [el('p', { text: 'No devices or sensors yet. Adopt them from Found on the network.' })]));
  app.$('room-list').replaceChildren(rooms.length
    ? el('ul', { class: 'plain' }, ...rooms.map((r) =>
      el('li', { text: `${r.name}: ${r.devices.length} device${r.devices.length === 1 ? '' : 's'}` })))
    : el('p', { text: 'No rooms yet: a device gets a room when you place it.' }));
}

async function loadDevices(app) {
  await attempt(app.$('device-list'), async () => {
    const [d, r] = await Promise.all([app.api('GET', '/api/v1/devices'), app.api('GET', '/api/v1/rooms')]);
    app.state.devices = d.devices;
    app.state.rooms = r.rooms;
    renderDevices(app, d.devices, r.rooms);
  });
}

async function loadInbox(app) {
  await attempt(app.$('inbox-list'), async () => {
    const entries = (await app.api('GET', '/api/v1/discovered')).discovered;
    app.$('inbox-list').replaceChildren(inboxTable(entries, (e) => showAdopt(app, e),
      (e) => ignore(app, e), (e, how) => settleMove(app, e, how)));
  });
}

function showAdopt(app, entry) {
  const form = app.$('adopt-form');
  form.reset();
  form.elements.id.value = entry.id;
  form.elements.name.value = entry.name;
  app.$('adopt-what').textContent = `Adopt ${entry.name} (${entry.kind}, at ${entry.address})`;
  form.hidden = false;
  form.elements.name.focus();
}

async function adopt(event, app) {
  event.preventDefault();
  const form = event.target;
  const body = { name: form.elements.name.value.trim() || undefined };
  const user = form.elements.username.value.trim();
  const password = form.elements.password.value;
  if (user || password) Object.assign(body, { username: user, password });
  const path = `/api/v1/discovered/${encodeURIComponent(form.elements.id.value)}/adopt`;
  if (await attempt(form, () => app.api('POST', path, body))) {
    form.reset();
    form.hidden = true;
    await app.refresh();
    say(app.$('inbox-list'), `Adopted ${body.name || 'it'}.`);
  }
}

function ignore(app, entry) {
  attempt(app.$('inbox-list'), () => app.api('POST', `/api/v1/discovered/${encodeURIComponent(entry.id)}/ignore`),
    `${entry.name} will not be listed again.`).then(() => loadInbox(app));
}

function settleMove(app, entry, how) {
  const done = how === 'confirm' ? `${entry.name} is now followed at ${entry.move.to}.`
    : `${entry.name} stays at ${entry.move.from}.`;
  attempt(app.$('inbox-list'), () => app.api('POST',
    `/api/v1/discovered/${encodeURIComponent(entry.id)}/${how}-move`), done).then(() => app.refresh());
}

export async function load(app) {
  await Promise.all([loadDevices(app), loadInbox(app)]);
}

export function wire(app) {
  app.$('adopt-form').addEventListener('submit', (event) => adopt(event, app));
  app.$('adopt-cancel').addEventListener('click', () => { app.$('adopt-form').hidden = true; });
  setInterval(() => {
    if (!app.$('console').hidden && !app.$('sec-inbox').hidden) loadInbox(app);
  }, 5000);
}
