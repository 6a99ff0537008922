// Cameras: the home page's live thumbnails, the list with health in words, add (the hub tries
// the address at once and says what is wrong), edit, preview and remove.

import { send } from '../shared/api.js';
import { checkboxes, el } from '../shared/dom.js';
import { attempt, confirmButton, say } from './feedback.js';
import { health } from './health.js';
import { renderCameraSelect } from './views.js';

const THUMB_MS = 10000;
let timer = null;

/** Draws the camera's latest still on its canvases; says so in words when there is none. */
async function thumbnail(app, camera) {
  const canvases = document.querySelectorAll(`canvas[data-thumb="${CSS.escape(camera.id)}"]`);
  if (!canvases.length) return;
  try {
    const path = `/api/v1/cameras/${encodeURIComponent(camera.id)}/snapshot`;
    const response = await send('GET', path, app.state.token);
    const picture = await createImageBitmap(await response.blob());
    canvases.forEach((canvas) => {
      canvas.width = picture.width;
      canvas.height = picture.height;
      canvas.getContext('2d').drawImage(picture, 0, 0);
      canvas.closest('.thumb')?.classList.add('has-picture');
    });
  } catch (e) {
    canvases.forEach((canvas) => canvas.closest('.thumb')?.classList.remove('has-picture'));
  }
}

function thumbBox(camera) {
  const label = `Latest picture from ${camera.name}`;
  return el('div', { class: 'thumb' },
    el('canvas', { 'data-thumb': camera.id, role: 'img', 'aria-label': label }),
    el('p', { class: 'no-picture', text: 'No picture yet' }));
}

function healthLine(camera) {
  const h = health(camera);
  return el('p', { class: `health ${h.level}`, text: h.text });
}

function homeTile(camera) {
  return el('article', { class: 'card' }, el('h3', { text: camera.name }), thumbBox(camera),
    healthLine(camera));
}

function editForm(app, camera) {
  const id = (n) => `edit-${n}-${camera.id}`;
  const form = el('form', { class: 'edit', hidden: true },
    el('label', { for: id('name'), text: 'Name' }),
    el('input', { id: id('name'), name: 'name', value: camera.name, required: true }),
    el('label', { for: id('url'), text: 'Stream address (empty: keep it)' }),
    el('input', { id: id('url'), name: 'url', type: 'url', placeholder: camera.url }),
    el('label', { for: id('user'), text: 'User name (empty: keep it)' }),
    el('input', { id: id('user'), name: 'username', autocomplete: 'off' }),
    el('label', { for: id('pw'), text: 'Password' }),
    el('input', { id: id('pw'), name: 'password', type: 'password', autocomplete: 'new-password' }),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', text: 'Save' }),
      el('button', { type: 'button', text: 'Cancel', onclick: () => { form.hidden = true; } })));
  form.addEventListener('submit', (event) => saveEdit(event, app, camera));
  return form;
}

async function saveEdit(event, app, camera) {
  event.preventDefault();
  const form = event.target;
  const body = values(form, ['name', 'url', 'username', 'password']);
  let answer;
  const ok = await attempt(form, async () => {
    answer = await app.api('PATCH', `/api/v1/cameras/${encodeURIComponent(camera.id)}`, body);
  });
  if (ok) {
    form.hidden = true;
    await app.refresh();
    const card = document.querySelector(`[data-camera="${CSS.escape(camera.id)}"]`);
    if (card) say(card.querySelector('.actions'), checked(`Saved ${answer.name}.`, answer), !answer.check?.ok && !!answer.check);
  }
}

function cameraCard(app, camera) {
  const form = editForm(app, camera);
  const actions = el('div', { class: 'buttons actions' },
    el('button', { type: 'button', text: `Preview ${camera.name}`, onclick: () => thumbnail(app, camera) }),
    el('button', { type: 'button', text: `Edit ${camera.name}`,
      onclick: () => { form.hidden = false; form.elements.name.focus(); } }),
    confirmButton(`Remove ${camera.name}`, `Press again to remove ${camera.name} and its grants`,
      (button) => remove(app, camera, button)));
  return el('article', { class: 'card', 'data-camera': camera.id },
    el('h3', { text: camera.name }), thumbBox(camera), healthLine(camera),
    el('p', { class: 'hint' }, 'Address: ', el('code', { class: 'url', text: camera.url })),
    actions, form);
}

async function remove(app, camera, button) {
  const ok = await attempt(button,
    () => app.api('DELETE', `/api/v1/cameras/${encodeURIComponent(camera.id)}`));
  if (ok) {
    await app.refresh();
    say(app.$('show-add-camera'), `Removed ${camera.name}.`);
  }
}

/** "Added X." plus the hub's connection test, in its words. */
function checked(done, answer) {
  return answer.check && !answer.check.ok ? `${done} But: ${answer.check.message}` : done;
}

function values(form, names) {
  const body = {};
  names.forEach((name) => {
    const value = form.elements[name].value.trim();
    body[name] = value === '' ? undefined : value;
  });
  return body;
}

async function add(event, app) {
  event.preventDefault();
  const form = event.target;
  const body = values(form, ['name', 'url', 'snapshot_url', 'username', 'password']);
  let answer;
  const ok = await attempt(form, async () => {
    answer = await app.api('POST', '/api/v1/cameras', body);
  });
  if (!ok) return;
  form.reset();
  form.hidden = true;
  await app.refresh();
  const warn = answer.check && !answer.check.ok;
  say(app.$('show-add-camera'), checked(`Added ${answer.name}.`, answer), warn);
}

export function render(app) {
  const { cameras } = app.state;
  app.$('camera-list').replaceChildren(cameras.length
    ? el('div', { class: 'cards' }, ...cameras.map((c) => cameraCard(app, c)))
    : el('p', { text: 'No cameras yet. Add one with the button above.' }));
  app.$('home-grid').replaceChildren(...(cameras.length ? cameras.map(homeTile)
    : [el('p', {}, 'No cameras yet. ', el('a', { href: '#cameras', text: 'Add a camera' }))]));
  const options = cameras.map((c) => ({ value: c.id, label: c.name }));
  app.$('pair-cameras').replaceChildren(...checkboxes('cameras', options));
  renderCameraSelect(app.$('grant-camera'), cameras);
  refreshThumbs(app);
}

function refreshThumbs(app) {
  if (timer !== null) app.state.cameras.forEach((c) => thumbnail(app, c));
}

/** Thumbnails refresh only while a section that shows them is on screen. */
export function visible(app, shown) {
  clearInterval(timer);
  timer = shown ? setInterval(() => refreshThumbs(app), THUMB_MS) : null;
  refreshThumbs(app);
}

export function wire(app) {
  const form = app.$('add-camera');
  form.addEventListener('submit', (event) => add(event, app));
  app.$('show-add-camera').addEventListener('click', () => {
    form.hidden = false;
    form.elements.name.focus();
  });
  app.$('add-camera-cancel').addEventListener('click', () => { form.hidden = true; });
}
